package dev.supportplatform.analytics.contacts;

import feign.FeignException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Names and emails of contacts, asked of the CRM when a figure shows them: events carry no profile data, so
 * analytics keeps no copy that an erasure would have to chase. A CRM that is down or does not know the contact
 * leaves them out (null) rather than failing the figures.
 */
@Component
public class ContactProfiles {

    private static final Logger log = LoggerFactory.getLogger(ContactProfiles.class);

    private final CrmClient crm;

    ContactProfiles(CrmClient crm) {
        this.crm = crm;
    }

    public record Profile(String name, String email) {
    }

    public Optional<Profile> of(String contactId) {
        try {
            CrmClient.Envelope envelope = crm.user(contactId);
            return envelope == null || envelope.data() == null ? Optional.empty()
                    : Optional.of(new Profile(envelope.data().name(), envelope.data().email()));
        } catch (FeignException.NotFound e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            log.warn("CRM lookup failed ({}); user analytics without name and email", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }
}
