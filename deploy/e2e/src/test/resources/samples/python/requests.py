"""A tiny standard-library stand-in for the parts of `requests` the contracts' Python samples use.

Put first on PYTHONPATH by the end-to-end suite (deploy/e2e, ContractSampleRunner): the machine's python has no
`requests`. It adds one thing a sample does not write itself, the credential: an `X-API-Key: $E2E_API_KEY` header
when the sample sends neither X-API-Key nor Authorization. Every exchange is recorded in $E2E_EXCHANGE_DIR as
NNNN.meta (method, url, status on three lines) and NNNN.body, which the Java test checks against the contract.
"""
import io
import json as _json
import os
import urllib.error
import urllib.parse
import urllib.request
import uuid

__all__ = ["get", "post", "put", "delete", "request", "Response", "RequestException", "HTTPError"]


class RequestException(IOError):
    pass


class HTTPError(RequestException):
    pass


_counter = [0]


def _record(method, url, status, body):
    directory = os.environ.get("E2E_EXCHANGE_DIR")
    if not directory:
        return
    _counter[0] += 1
    base = os.path.join(directory, "py-%04d" % _counter[0])
    with open(base + ".body", "wb") as f:
        f.write(body)
    with open(base + ".meta", "w") as f:
        f.write("%s\n%s\n%d\n" % (method, url, status))


class Response:
    def __init__(self, method, url, status, headers, raw, stream):
        self.request_method = method
        self.url = url
        self.status_code = status
        self.headers = headers
        self.ok = status < 400
        self._raw = raw
        self._content = None if stream else self._read_all()

    def _read_all(self):
        try:
            body = self._raw.read()
        finally:
            self._raw.close()
        _record(self.request_method, self.url, self.status_code, body)
        return body

    @property
    def content(self):
        if self._content is None:
            self._content = self._read_all()
        return self._content

    @property
    def text(self):
        return self.content.decode("utf-8")

    def json(self):
        return _json.loads(self.content)

    def iter_lines(self):
        if self._content is not None:
            yield from self._content.splitlines()
            return
        seen = io.BytesIO()
        try:
            for line in self._raw:
                seen.write(line)
                yield line.rstrip(b"\r\n")
        finally:
            self._raw.close()
            self._content = seen.getvalue()
            _record(self.request_method, self.url, self.status_code, self._content)

    def raise_for_status(self):
        if not self.ok:
            raise HTTPError("%d for %s" % (self.status_code, self.url))


def _multipart(files, data):
    boundary = uuid.uuid4().hex
    out = io.BytesIO()
    for name, value in (data or {}).items():
        out.write(("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (boundary, name, value)).encode())
    for name, value in files.items():
        content_type = "application/octet-stream"
        if isinstance(value, tuple):
            filename, fileobj = value[0], value[1]
            if len(value) > 2:
                content_type = value[2]
        else:
            filename, fileobj = os.path.basename(getattr(value, "name", name)), value
        payload = fileobj.read() if hasattr(fileobj, "read") else fileobj
        if isinstance(payload, str):
            payload = payload.encode()
        out.write(("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\nContent-Type: %s\r\n\r\n"
                   % (boundary, name, filename, content_type)).encode())
        out.write(payload)
        out.write(b"\r\n")
    out.write(("--%s--\r\n" % boundary).encode())
    return out.getvalue(), "multipart/form-data; boundary=" + boundary


def request(method, url, params=None, data=None, headers=None, json=None, files=None, stream=False, timeout=120, **_):
    headers = dict(headers or {})
    lower = {k.lower() for k in headers}
    key = os.environ.get("E2E_API_KEY")
    if key and "x-api-key" not in lower and "authorization" not in lower:
        headers["X-API-Key"] = key
    if params:

        url += ("&" if "?" in url else "?") + urllib.parse.urlencode(params)
    body = None
    if files:
        body, headers["Content-Type"] = _multipart(files, data)
    elif json is not None:
        body = _json.dumps(json).encode()
        headers.setdefault("Content-Type", "application/json")
    elif data is not None:
        body = data.encode() if isinstance(data, str) else data
    req = urllib.request.Request(url, data=body, headers=headers, method=method)
    try:
        raw = urllib.request.urlopen(req, timeout=timeout)
        status = raw.status
    except urllib.error.HTTPError as e:
        raw, status = e, e.code
    except urllib.error.URLError as e:
        raise RequestException(str(e))
    return Response(method, url, status, dict(raw.headers.items()), raw, stream)


def get(url, **kwargs):
    return request("GET", url, **kwargs)


def post(url, **kwargs):
    return request("POST", url, **kwargs)


def put(url, **kwargs):
    return request("PUT", url, **kwargs)


def delete(url, **kwargs):
    return request("DELETE", url, **kwargs)
