# Sourced before a contract's cURL sample by the end-to-end suite (deploy/e2e, ContractSampleRunner).
# `curl` becomes a function that runs the real curl with -sS and one addition, the credential
# (`X-API-Key: $E2E_API_KEY`, only when the sample sends neither X-API-Key nor Authorization), and records each
# exchange in $E2E_EXCHANGE_DIR (NNNN.meta: method, url, status; NNNN.body) for the Java test. The body is printed.
__e2e_curl_count=0
curl() {
  __e2e_curl_count=$((__e2e_curl_count + 1))
  local file="$E2E_EXCHANGE_DIR/sh-$(printf '%04d' "$__e2e_curl_count")"
  local method="" url="" has_body="" has_credential="" previous=""
  for arg in "$@"; do
    case "$previous" in
      -X|--request) method="$arg" ;;
      -d|--data|--data-raw|-F|--form) has_body=1 ;;
      -H|--header) case "${arg,,}" in x-api-key:*|authorization:*) has_credential=1 ;; esac ;;
    esac
    case "$arg" in http://*|https://*) url="$arg" ;; esac
    previous="$arg"
  done
  [ -n "$method" ] || { [ -n "$has_body" ] && method=POST || method=GET; }
  local extra=()
  [ -n "$has_credential" ] || extra=(-H "X-API-Key: $E2E_API_KEY")
  local status
  status=$(command curl -sS --max-time 120 -o "$file.body" -w '%{http_code}' "${extra[@]}" "$@") || return $?
  printf '%s\n%s\n%s\n' "$method" "$url" "$status" > "$file.meta"
  cat "$file.body"
  echo
}
