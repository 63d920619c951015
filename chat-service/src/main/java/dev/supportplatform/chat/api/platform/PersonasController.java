package dev.supportplatform.chat.api.platform;

import dev.supportplatform.chat.persona.BuiltInAgents;
import dev.supportplatform.chat.persona.Persona;
import dev.supportplatform.chat.persona.PersonaService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tenant personas (no contract defines them; platform.md's style): {@code /api/v1/personas}. GET lists the built-in
 * agents first (read-only), then the tenant's personas.
 */
@RestController
public class PersonasController {

    private final PersonaService personas;

    public PersonasController(PersonaService personas) {
        this.personas = personas;
    }

    public record PersonaBody(@Size(max = 100) String name, @Size(max = 8000) String instructions,
                              Map<String, Object> knowledgeFilter, String modelTier, List<@Size(max = 100) String> keywords) {
        PersonaService.Definition definition() {
            return new PersonaService.Definition(name, instructions, knowledgeFilter, modelTier, keywords);
        }
    }

    @GetMapping("/api/v1/personas")
    public Map<String, Object> list() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (String name : BuiltInAgents.NAMES) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", name);
            item.put("number", BuiltInAgents.number(name));
            item.put("name", name);
            item.put("built_in", true);
            items.add(item);
        }
        personas.list().forEach(p -> items.add(render(p)));
        return Map.of("personas", items, "total", items.size());
    }

    @PostMapping("/api/v1/personas")
    @ResponseStatus(HttpStatus.CREATED)
    public Map<String, Object> create(@Valid @RequestBody PersonaBody body) {
        return render(personas.create(body.definition()));
    }

    @GetMapping("/api/v1/personas/{id}")
    public Map<String, Object> get(@PathVariable String id) {
        return render(personas.require(id));
    }

    @PutMapping("/api/v1/personas/{id}")
    public Map<String, Object> update(@PathVariable String id, @Valid @RequestBody PersonaBody body) {
        return render(personas.update(id, body.definition()));
    }

    @DeleteMapping("/api/v1/personas/{id}")
    public Map<String, Object> delete(@PathVariable String id) {
        personas.delete(id);
        return Map.of("deleted", true, "id", id);
    }

    static Map<String, Object> render(Persona p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", p.getId().toString());
        out.put("number", p.getNumber());
        out.put("name", p.getName());
        out.put("instructions", p.getInstructions());
        out.put("knowledge_filter", PersonaService.filterOf(p));
        out.put("model_tier", p.getModelTier());
        out.put("keywords", p.getKeywords().isEmpty() ? List.of() : List.of(p.getKeywords().split(",")));
        out.put("built_in", false);
        out.put("created_at", p.getCreatedAt().toString());
        out.put("updated_at", p.getUpdatedAt().toString());
        return out;
    }
}
