package dev.supportplatform.knowledge;

import dev.supportplatform.common.test.HttpApi;
import dev.supportplatform.common.test.ServiceIntegrationTest;
import dev.supportplatform.common.test.TestTokens;
import com.pgvector.PGvector;
import dev.supportplatform.knowledge.embedding.Embedder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.supportplatform.knowledge.Multipart.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

@ServiceIntegrationTest
class DocumentIngestionTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Embedder embedder;

    private JsonNode fileResult(HttpApi.Response response, String filename) {
        for (JsonNode f : response.json().get("data").get("uploaded_files")) {
            if (f.get("filename").asString().equals(filename)) {
                return f;
            }
        }
        throw new AssertionError("no result for " + filename + " in " + response);
    }

    @Test
    void uploadsEveryFormatWithPerFileStatusAndFindsTheirPassages() {
        String tenant = TestTokens.newTenant();
        String csv = "product,price,warranty\nWidget,10,1 year\nGadget,25,2 years\nSprocket,5,90 days\n";
        HttpApi.Response response = Multipart.post(port, tenant, "/upload_docs", Multipart.parts(
                file("files", "notes.txt", "text/plain", "Our office is closed on public holidays. Support hours are 9 to 5."),
                file("files", "guide.md", "text/markdown", "# Refunds\n\nRefunds are issued within 14 days of a return."),
                file("files", "prices.csv", "text/csv", csv),
                file("files", "faq.json", "application/json", "{\"question\": \"Do you ship abroad?\", \"answer\": \"We ship to 40 countries.\"}"),
                file("files", "page.html", "text/html", "<html><body><h1>Passwords</h1><p>Reset your password from the login page.</p></body></html>"),
                file("files", "manual.pdf", "application/pdf", TestFiles.pdf("The blender has a five year motor warranty")),
                file("files", "policy.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        TestFiles.docx("Travel expenses are reimbursed monthly")),
                file("files", "fake.pdf", "application/pdf", "this is only text pretending to be a PDF")));

        assertThat(response.status()).isEqualTo(200);
        JsonNode data = response.json().get("data");
        assertThat(response.json().get("success").asBoolean()).isTrue();
        assertThat(data.get("total_uploaded").asInt()).isEqualTo(7);
        assertThat(data.get("total_failed").asInt()).isEqualTo(1);
        assertThat(fileResult(response, "fake.pdf").get("status").asString()).isEqualTo("failed");
        assertThat(fileResult(response, "fake.pdf").get("error").asString()).contains("does not match");
        assertThat(fileResult(response, "manual.pdf").get("chunks_created").asInt()).isEqualTo(1);
        assertThat(response.json().get("metadata").has("processing_time")).isTrue();

        assertThat(topPassage(tenant, "how long is the motor warranty of the blender", Map.of())).contains("five year motor warranty");
        assertThat(topPassage(tenant, "when are travel expenses paid back", Map.of())).contains("reimbursed monthly");
        assertThat(topPassage(tenant, "how much does a gadget cost", Map.of()))
                .startsWith("product,price,warranty").contains("Gadget,25");
        assertThat(topPassage(tenant, "international shipping", Map.of())).contains("40 countries");
        assertThat(topPassage(tenant, "forgot my password", Map.of())).contains("Reset your password").doesNotContain("<p>");

        HttpApi.Response list = HttpApi.at(port).asTenant(tenant).get("/rag/documents?page=1&per_page=5");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("pagination").get("total").asInt()).isEqualTo(7);
        assertThat(list.json().get("pagination").get("pages").asInt()).isEqualTo(2);
        assertThat(list.json().get("data")).hasSize(5);
        assertThat(list.json().get("data").get(0).get("status").asString()).isEqualTo("processed");

        JsonNode stats = HttpApi.at(port).asTenant(tenant).get("/rag/stats").json().get("data");
        assertThat(stats.get("total_documents").asInt()).isEqualTo(7);
        assertThat(stats.get("file_types").get("pdf").asInt()).isEqualTo(1);
        assertThat(stats.get("total_chunks").asInt()).isGreaterThanOrEqualTo(7);
    }

    @Test
    void csvChunksFollowRowsAndEachRepeatsTheHeader() {
        String tenant = TestTokens.newTenant();
        StringBuilder csv = new StringBuilder("id,name,description\n");
        for (int i = 0; i < 60; i++) {
            csv.append(i).append(",item ").append(i).append(",a fairly long description of catalogue item number ").append(i).append('\n');
        }
        Multipart.post(port, tenant, "/upload_docs", Multipart.parts(file("files", "catalogue.csv", "text/csv", csv.toString())));
        List<String> chunks = jdbc.queryForList("select content from chunks where tenant_id = ? order by ordinal", String.class, tenant);
        assertThat(chunks).hasSizeGreaterThan(1);
        for (String chunk : chunks) {
            assertThat(chunk).startsWith("id,name,description\n").hasSizeLessThanOrEqualTo(1000);
            assertThat(chunk.lines().skip(1)).allMatch(line -> line.matches("\\d+,item \\d+,.*"));
        }
    }

    @Test
    void reuploadingTheSameContentDoesNotDuplicateIt() {
        String tenant = TestTokens.newTenant();
        var first = Multipart.post(port, tenant, "/upload_docs", Multipart.parts(file("files", "a.txt", "text/plain", "Same words twice.")));
        var second = Multipart.post(port, tenant, "/upload_docs", Multipart.parts(file("files", "b.txt", "text/plain", "Same words twice.")));
        assertThat(fileResult(second, "b.txt").get("duplicate").asBoolean()).isTrue();
        assertThat(fileResult(second, "b.txt").get("document_id").asString()).isEqualTo(fileResult(first, "a.txt").get("document_id").asString());
        assertThat(jdbc.queryForObject("select count(*) from documents where tenant_id = ?", Integer.class, tenant)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from chunks where tenant_id = ?", Integer.class, tenant)).isEqualTo(1);
    }

    @Test
    void theSameContentTwiceInOneUploadIsStoredOnceAndTheFilesAroundItNormally() {
        String tenant = TestTokens.newTenant();
        var response = Multipart.post(port, tenant, "/upload_docs", Multipart.parts(
                file("files", "one.txt", "text/plain", "Identical words in two files."),
                file("files", "two.txt", "text/plain", "Identical words in two files."),
                file("files", "three.txt", "text/plain", "Something else entirely.")));
        assertThat(fileResult(response, "one.txt").get("duplicate").asBoolean()).isFalse();
        assertThat(fileResult(response, "two.txt").get("duplicate").asBoolean()).isTrue();
        assertThat(fileResult(response, "two.txt").get("document_id").asString()).isEqualTo(fileResult(response, "one.txt").get("document_id").asString());
        assertThat(fileResult(response, "three.txt").get("status").asString()).isEqualTo("success");
        assertThat(jdbc.queryForObject("select count(*) from documents where tenant_id = ?", Integer.class, tenant)).isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from chunks where tenant_id = ?", Integer.class, tenant)).isEqualTo(2);
    }

    /**
     * Small files of one upload are stored in one transaction. Two uploads sharing files, in opposite orders, both
     * succeed and store each content once, the later one finding the earlier one's documents. (That they wait for each
     * other instead of deadlocking rests on the writer inserting rows in content order; overlapping inserts need
     * luckier timing than this test can force, so it does not pin that order.)
     */
    @Test
    void concurrentUploadsSharingFilesInOppositeOrdersBothSucceedAndStoreEachContentOnce() throws Exception {
        for (int round = 0; round < 3; round++) {
            String tenant = TestTokens.newTenant();
            List<Multipart.Part> files = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                files.add(file("files", "shared-" + i + ".txt", "text/plain", "Shared file number " + i + " about topic " + (i * 7919 % 101) + "."));
            }
            List<Multipart.Part> reversed = new ArrayList<>(files.reversed());
            var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                var forward = pool.submit(() -> Multipart.post(port, tenant, "/upload_docs", files));
                var backward = pool.submit(() -> Multipart.post(port, tenant, "/upload_docs", reversed));
                HttpApi.Response a = forward.get();
                HttpApi.Response b = backward.get();
                for (int i = 0; i < 24; i++) {
                    String name = "shared-" + i + ".txt";
                    assertThat(fileResult(a, name).get("status").asString()).as(name).isEqualTo("success");
                    assertThat(fileResult(b, name).get("status").asString()).as(name).isEqualTo("success");
                    assertThat(fileResult(b, name).get("document_id").asString()).isEqualTo(fileResult(a, name).get("document_id").asString());
                }
            } finally {
                pool.shutdown();
            }
            assertThat(jdbc.queryForObject("select count(*) from documents where tenant_id = ?", Integer.class, tenant)).isEqualTo(24);
            assertThat(jdbc.queryForObject("select count(*) from chunks where tenant_id = ?", Integer.class, tenant)).isEqualTo(24);
            assertThat(jdbc.queryForObject("select chunks from corpus_stats where tenant_id = ?", Integer.class, tenant)).isEqualTo(24);
        }
    }

    @Test
    void deletingByFilenameRemovesTextVectorsAndPublishesTheEvent() {
        String tenant = TestTokens.newTenant();
        var upload = Multipart.post(port, tenant, "/upload_docs", Multipart.parts(file("files", "gone.txt", "text/plain", "Quokkas live on Rottnest Island.")));
        String id = fileResult(upload, "gone.txt").get("document_id").asString();
        assertThat(events(id)).containsExactly("document.ingested");

        HttpApi.Response deleted = HttpApi.at(port).asTenant(tenant).delete("/rag/documents/gone.txt");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("data").get("chunks_removed").asInt()).isEqualTo(1);
        assertThat(deleted.json().get("data").get("size_freed").asLong()).isEqualTo("Quokkas live on Rottnest Island.".length());
        assertThat(jdbc.queryForObject("select count(*) from chunks where tenant_id = ?", Integer.class, tenant)).isZero();
        assertThat(events(id)).containsExactly("document.ingested", "document.deleted");
        assertThat(search(tenant, "quokka island", Map.of()).get("results")).isEmpty();

        HttpApi.Response again = HttpApi.at(port).asTenant(tenant).delete("/rag/documents/gone.txt");
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.json().get("success").asBoolean()).isFalse();
    }

    @Test
    void largeUploadsAreProcessedInTheBackgroundWithVisibleStatus() {
        String tenant = TestTokens.newTenant();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            text.append("Paragraph ").append(i).append(" about the loyalty programme: members earn points on every purchase.\n\n");
        }
        text.append("The secret codeword for the loyalty desk is marmalade.");
        var response = Multipart.post(port, tenant, "/v1/ingestion/upload", Multipart.parts(file("file", "big.txt", "text/plain", text.toString())));
        assertThat(response.status()).isEqualTo(200);
        String id = response.json().get("document_id").asString();
        // Above the (test) async threshold of 6,000 bytes: accepted at once, embedded in the background.
        assertThat(text.length()).isGreaterThan(6000);
        assertThat(response.json().get("status").asString()).isEqualTo("processing");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode doc = HttpApi.at(port).asTenant(tenant).get("/v1/ingestion/documents/" + id).json();
            assertThat(doc.get("status").asString()).isEqualTo("processed");
            assertThat(doc.get("progress").asDouble()).isEqualTo(1.0);
        });
        assertThat(topPassage(tenant, "loyalty desk codeword", Map.of())).contains("marmalade");
    }

    /**
     * Titles are embedded apart from the chunks, by the query model: each stored title vector must be its own
     * title's, whether its document shared a transaction with others, was untitled between titled ones, or was
     * stored in the background.
     */
    @Test
    void everyTitledDocumentStoresItsOwnTitlesQueryModelEmbedding() {
        String tenant = TestTokens.newTenant();
        StringBuilder big = new StringBuilder("Loyalty programme rules\n\n");
        for (int i = 0; i < 100; i++) {
            big.append("Paragraph ").append(i).append(" about the loyalty programme: members earn points on every purchase.\n\n");
        }
        var response = Multipart.post(port, tenant, "/upload_docs", Multipart.parts(
                file("files", "refunds.md", "text/markdown", "# Refund policy\n\nRefunds are issued within 14 days of a return."),
                file("files", "untitled.txt", "text/plain", "Our office is closed on public holidays. Support hours are 9 to 5."),
                file("files", "parking.txt", "text/plain", "Where to park\n\nThe garage opens at 6am on weekdays."),
                file("files", "loyalty.txt", "text/plain", big.toString())));
        assertThat(response.status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "select count(*) from documents where tenant_id = ? and status = 'processed'", Integer.class, tenant) == 4);
        Map<String, String> titles = Map.of("refunds.md", "Refund policy", "parking.txt", "Where to park", "loyalty.txt", "Loyalty programme rules");
        jdbc.query("select filename, title, title_embedding::text from documents where tenant_id = ?", rs -> {
            String filename = rs.getString(1);
            if (!titles.containsKey(filename)) {
                assertThat(rs.getString(3)).as(filename).isNull();
                return;
            }
            assertThat(rs.getString(2)).isEqualTo(titles.get(filename));
            float[] stored = new PGvector(rs.getString(3)).toArray();
            assertThat(stored).as(filename).containsExactly(embedder.embedTitles(List.of(titles.get(filename))).getFirst(), within(1e-5f));
            // The quantized query model's vector, not the full-precision one the chunks have.
            assertThat(stored).as(filename).isNotEqualTo(embedder.embed(titles.get(filename)));
        }, tenant);
    }

    @Test
    void badFilesAreRefusedInTheContractShapeAndLeaveNothingStored() {
        String tenant = TestTokens.newTenant();
        assertRefused(tenant, file("file", "empty.txt", "text/plain", new byte[0]), 400, "empty");
        assertRefused(tenant, file("file", "latin1.txt", "text/plain", "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1)), 422, "UTF-8");
        assertRefused(tenant, file("file", "broken.pdf", "application/pdf", "%PDF-1.4\n1 0 obj garbage".getBytes(StandardCharsets.US_ASCII)), 422, "malformed");
        assertRefused(tenant, file("file", "bomb.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                TestFiles.docx("tiny", 20_000_000)), 422, "decompression bomb");
        assertRefused(tenant, file("file", "tool.exe", "application/octet-stream", new byte[]{'M', 'Z', 0, 0, 3, 0}), 415, "not a supported format");
        assertRefused(tenant, file("file", "report.docx", "application/pdf", TestFiles.pdf("hello")), 415, "does not match");
        assertRefused(tenant, file("file", "bad.json", "application/json", "{\"unterminated\": "), 422, "not valid JSON");
        assertRefused(tenant, file("file", "huge.txt", "text/plain", "x".repeat(400_000)), 413, null);

        assertThat(jdbc.queryForObject("select count(*) from documents where tenant_id = ?", Integer.class, tenant)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from chunks where tenant_id = ?", Integer.class, tenant)).isZero();
    }

    @Test
    void rawTextIngestionKeepsItsMetadataAndIsSearchable() {
        String tenant = TestTokens.newTenant();
        HttpApi.Response response = HttpApi.at(port).asTenant(tenant).post("/v1/ingestion/text", Map.of(
                "text", "Our parking garage opens at 6am on weekdays.", "metadata", Map.of("source", "manual", "title", "Parking"),
                "collection_name", "facilities"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("status").asString()).isEqualTo("success");
        assertThat(response.json().get("chunks").asInt()).isEqualTo(1);
        assertThat(topPassage(tenant, "when does the garage open", Map.of("collection", "facilities"))).contains("6am");
        assertThat(search(tenant, "when does the garage open", Map.of("collection", "other")).get("results")).isEmpty();

        HttpApi.Response invalid = HttpApi.at(port).asTenant(tenant).post("/v1/ingestion/text", Map.of("text", " "));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().get("status_code").asInt()).isEqualTo(422);
        assertThat(invalid.json().get("detail").isArray()).isTrue();
    }

    private void assertRefused(String tenant, Multipart.Part part, int status, String message) {
        HttpApi.Response response = Multipart.post(port, tenant, "/v1/ingestion/upload", new ArrayList<>(List.of(part)));
        assertThat(response.status()).as(part.filename() + ": " + response).isEqualTo(status);
        assertThat(response.json().get("status_code").asInt()).isEqualTo(status);
        assertThat(response.json().has("request_id")).isTrue();
        if (message != null) {
            assertThat(response.json().get("detail").asString()).as(part.filename()).contains(message);
        }
    }

    private List<String> events(String documentId) {
        return jdbc.queryForList("select payload->>'type' from event_outbox where message_key = ? order by id", String.class, documentId);
    }

    private JsonNode search(String tenant, String query, Map<String, Object> filters) {
        HttpApi.Response response = HttpApi.at(port).asTenant(tenant).post("/api/v1/knowledge-base/search",
                Map.of("query", query, "top_k", 3, "filters", filters));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private String topPassage(String tenant, String query, Map<String, Object> filters) {
        JsonNode results = search(tenant, query, filters).get("results");
        assertThat(results).as("results for " + query).isNotEmpty();
        return results.get(0).get("content").asString();
    }
}
