package dev.supportplatform.chat.realtime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SessionFeedChannelTest {

    @Test
    void noTenantAndSessionPairCanNameAnotherPairsChannel() {
        assertThat(SessionFeed.channel("a:b", "c")).isNotEqualTo(SessionFeed.channel("a", "b:c"));
        assertThat(SessionFeed.channel("t1", "s")).isNotEqualTo(SessionFeed.channel("t2", "s"));
        assertThat(SessionFeed.channel("t:1", "s:1")).isEqualTo("chat:session:t%3A1:s%3A1");
    }
}
