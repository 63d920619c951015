package dev.supportplatform.chat.persona;

import dev.supportplatform.common.ids.Ids;
import dev.supportplatform.common.service.identity.IdentityContext;
import dev.supportplatform.common.service.web.ApiException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Tenant personas: create, list, change, delete; looked up by UUID, numeric id or name. */
@Service
public class PersonaService {

    public static final Set<String> TIERS = Set.of("auto", "fast", "strong", "local");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PersonaRepository personas;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public PersonaService(PersonaRepository personas, JdbcTemplate jdbc, Clock clock) {
        this.personas = personas;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record Definition(String name, String instructions, Map<String, Object> knowledgeFilter, String modelTier, List<String> keywords) {
    }

    @Transactional
    public Persona create(Definition d) {
        if (d.name() == null || d.name().isBlank()) {
            throw ApiException.invalid("name", "name is required");
        }
        if (d.instructions() == null || d.instructions().isBlank()) {
            throw ApiException.invalid("instructions", "instructions are required");
        }
        checkTier(d.modelTier());
        if (personas.findByNameIgnoreCase(d.name()).isPresent() || BuiltInAgents.NAMES.contains(d.name())) {
            throw ApiException.conflict("A persona named " + d.name() + " already exists");
        }
        long number = jdbc.queryForObject("select nextval('persona_number_seq')", Long.class);
        return personas.save(new Persona(Ids.uuidV7(), number, d.name(), d.instructions(), filterJson(d.knowledgeFilter()),
                d.modelTier() == null ? "auto" : d.modelTier(), keywords(d.keywords()), clock.instant()));
    }

    @Transactional
    public Persona update(String ref, Definition d) {
        checkTier(d.modelTier());
        Persona persona = require(ref);
        persona.update(d.name(), d.instructions(), d.knowledgeFilter() == null ? null : filterJson(d.knowledgeFilter()),
                d.modelTier(), d.keywords() == null ? null : keywords(d.keywords()), clock.instant());
        return persona;
    }

    @Transactional
    public void delete(String ref) {
        personas.delete(require(ref));
    }

    @Transactional(readOnly = true)
    public List<Persona> list() {
        return personas.findAllInTenant(IdentityContext.requireTenant());
    }

    @Transactional(readOnly = true)
    public Persona require(String ref) {
        return find(ref).orElseThrow(() -> ApiException.notFound("Persona not found", "No persona " + ref));
    }

    @Transactional(readOnly = true)
    public Optional<Persona> find(String ref) {
        if (ref == null || ref.isBlank()) {
            return Optional.empty();
        }
        if (ref.chars().allMatch(Character::isDigit) && ref.length() < 19) {
            return personas.findByNumber(Long.parseLong(ref));
        }
        if (ref.length() == 36) {
            try {
                return personas.findById(UUID.fromString(ref));
            } catch (IllegalArgumentException notUuid) {
                return Optional.empty();
            }
        }
        return personas.findByNameIgnoreCase(ref);
    }

    @Transactional(readOnly = true)
    public Optional<Persona> findById(UUID id) {
        return personas.findById(id);
    }

    public static Map<String, Object> filterOf(Persona persona) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = JSON.readValue(persona.getKnowledgeFilter(), Map.class);
        return map;
    }

    private static void checkTier(String tier) {
        if (tier != null && !TIERS.contains(tier)) {
            throw ApiException.invalid("model_tier", "model_tier must be one of " + String.join(", ", TIERS.stream().sorted().toList()));
        }
    }

    private static String filterJson(Map<String, Object> filter) {
        return JSON.writeValueAsString(filter == null ? Map.of() : filter);
    }

    private static String keywords(List<String> words) {
        return words == null ? "" : String.join(",", words.stream().map(w -> w.trim().toLowerCase()).filter(w -> !w.isEmpty()).toList());
    }
}
