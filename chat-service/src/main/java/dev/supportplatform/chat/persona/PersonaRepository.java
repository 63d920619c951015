package dev.supportplatform.chat.persona;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface PersonaRepository extends JpaRepository<Persona, UUID> {
    List<Persona> findAllByOrderByNumberAsc();

    Optional<Persona> findByNumber(long number);

    Optional<Persona> findByNameIgnoreCase(String name);
}
