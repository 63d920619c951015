package dev.supportplatform.common.service.feign;

import dev.supportplatform.common.identity.InternalTokenCodec;
import dev.supportplatform.common.identity.PlatformHeaders;
import dev.supportplatform.common.service.identity.IdentityForwarding;
import dev.supportplatform.common.service.web.RequestTiming;
import feign.RequestInterceptor;
import feign.RequestTemplate;

/**
 * Every Feign call carries the caller's identity (the token it received, or a fresh one for work done on its own
 * account, such as an event consumer) and the request id. Trace context is added by feign-micrometer.
 */
public class FeignIdentityInterceptor implements RequestInterceptor {

    private final InternalTokenCodec codec;

    public FeignIdentityInterceptor(InternalTokenCodec codec) {
        this.codec = codec;
    }

    @Override
    public void apply(RequestTemplate template) {
        // Without a bound identity no token is sent and the callee answers 401: a caller must know whom it acts for.
        IdentityForwarding.tokenFor(codec).ifPresent(token -> template.header(PlatformHeaders.INTERNAL_TOKEN, token));
        try {
            template.header(PlatformHeaders.REQUEST_ID, RequestTiming.currentRequestId());
        } catch (IllegalStateException notInRequest) {
            // Outside an HTTP request (a consumer or a job): the callee makes its own id.
        }
    }
}
