package dev.supportplatform.chat.turn;

import dev.supportplatform.chat.clients.CrmClient;
import dev.supportplatform.common.service.identity.IdentityContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.Map;

/**
 * Contacts as the CRM knows them. The first time chat sees a contact (per tenant, within the memo's lifetime) it
 * upserts it in crm-service, which creates it on first sight; the answer is remembered in Redis for a while so
 * that a conversation's turns do not each call the CRM. A CRM outage never fails a turn.
 */
@Component
public class ContactDirectory {

    private static final Logger log = LoggerFactory.getLogger(ContactDirectory.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration MEMO = Duration.ofMinutes(10);

    private final CrmClient crm;
    private final StringRedisTemplate redis;

    public ContactDirectory(CrmClient crm, StringRedisTemplate redis) {
        this.crm = crm;
        this.redis = redis;
    }

    /** The contact, or null when there is none or the CRM could not be reached. */
    public CrmClient.Contact lookup(String externalId, String name, String email) {
        if (externalId == null) {
            return null;
        }
        String key = "chat:contact:" + IdentityContext.requireTenant() + ":" + externalId;
        try {
            String memo = redis.opsForValue().get(key);
            if (memo != null && name == null && email == null) {
                return JSON.readValue(memo, CrmClient.Contact.class);
            }
        } catch (RuntimeException e) {
            log.warn("Contact memo unavailable: {}", e.getClass().getSimpleName());
        }
        try {
            CrmClient.Envelope envelope = crm.upsert(externalId, new CrmClient.Upsert(name, email, Map.of("source", "chat")));
            CrmClient.Contact contact = envelope == null ? null : envelope.data();
            if (contact != null) {
                try {
                    redis.opsForValue().set(key, JSON.writeValueAsString(contact), MEMO);
                } catch (RuntimeException e) {
                    log.warn("Contact memo unavailable: {}", e.getClass().getSimpleName());
                }
            }
            return contact;
        } catch (RuntimeException e) {
            log.warn("CRM upsert failed ({}); continuing without contact details", e.getClass().getSimpleName());
            return null;
        }
    }

    public void forget(String tenant, String externalId) {
        redis.delete("chat:contact:" + tenant + ":" + externalId);
    }
}
