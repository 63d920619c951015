package dev.supportplatform.chat.realtime;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.PatternTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/** One Redis subscription per replica, to every session channel, using the module's Redis connection settings. */
@Configuration(proxyBeanMethods = false)
public class RealtimeConfiguration {

    @Bean
    SessionFeed sessionFeed(StringRedisTemplate redis) {
        return new SessionFeed(redis);
    }

    @Bean
    RedisMessageListenerContainer sessionFeedListener(RedisConnectionFactory connections, SessionFeed feed) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        // dispatched on the subscription's own thread, so each session's messages reach its connections in the order
        // they were published (receivers only queue them)
        container.setTaskExecutor(new SyncTaskExecutor());
        SimpleAsyncTaskExecutor subscription = new SimpleAsyncTaskExecutor("session-feed-");
        subscription.setVirtualThreads(true);
        container.setSubscriptionExecutor(subscription);
        container.addMessageListener(feed, new PatternTopic(SessionFeed.CHANNEL_PREFIX + "*"));
        return container;
    }
}
