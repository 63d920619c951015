package dev.supportplatform.chat.persona;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface PersonaRepository extends JpaRepository<Persona, UUID> {
    /** The tenant's personas in creation order; the turn lists them for routing (SQL for the reason given in ConversationRepository). */
    @Query(value = "select * from persona where tenant_id = ?1 order by number", nativeQuery = true)
    List<Persona> findAllInTenant(String tenantId);

    Optional<Persona> findByNumber(long number);

    Optional<Persona> findByNameIgnoreCase(String name);
}
