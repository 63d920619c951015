package dev.supportplatform.common.test.sample;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import java.net.URI;
import java.util.Map;

/** A Feign client of the sample service itself; the base URL is given per call (the port is random in tests). */
@FeignClient(name = "sample-self", url = "http://unused.invalid")
public interface SelfClient {

    @GetMapping("/crm/notes/{id}")
    Map<String, Object> note(URI baseUrl, @PathVariable("id") String id);
}
