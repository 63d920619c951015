package dev.supportplatform.chat.api.assistant;

import dev.supportplatform.chat.speech.SpeechProperties;
import dev.supportplatform.common.dialect.ApiError;
import dev.supportplatform.common.dialect.ErrorKind;
import dev.supportplatform.common.service.web.DialectErrorWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Refuses a voice or unified request whose body is larger than the biggest audio it may carry (base64 grows it by a
 * third, plus room for the other fields) before the body is read, with the contract's 413 rather than a parse error.
 */
@Component
class AudioRequestSizeFilter extends OncePerRequestFilter {

    private static final long OTHER_FIELDS = 256 * 1024;

    private final long maxBodyBytes;
    private final SpeechProperties speech;
    private final DialectErrorWriter errors;

    AudioRequestSizeFilter(SpeechProperties speech, DialectErrorWriter errors) {
        this.speech = speech;
        this.errors = errors;
        this.maxBodyBytes = (speech.maxAudio().toBytes() + 2) / 3 * 4 + OTHER_FIELDS;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !path.equals("/v1/chat/voice") && !path.equals("/v1/chat/unified");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBodyBytes) {
            errors.write(request, response, ApiError.of(ErrorKind.PAYLOAD_TOO_LARGE, "The audio is larger than "
                    + speech.maxAudio().toMegabytes() + " MB", "Send a shorter recording, or a lower sample rate"));
            return;
        }
        chain.doFilter(request, response);
    }
}
