package dev.supportplatform.chat.intent;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * Settings of intent detection ({@code platform.intents.*}).
 *
 * @param embeddingModels  in-process models whose embeddings are concatenated (minilm, bge-small, e5-small)
 * @param workers          embedding worker threads (one ONNX runtime thread each)
 * @param threshold        default out-of-scope threshold of a tenant that has not set its own
 * @param c                inverse regularisation of the linear SVM
 * @param temperature      softmax temperature turning its scores into confidences
 * @param embeddingWeight  how much the embedding weighs beside the word n-grams in the SVM's features
 * @param maxTerms         the word n-gram vocabulary's limit per tenant (0: the embedding alone); bounds the model's size
 * @param maxExamples      examples a tenant may have in all
 * @param maxImportRows    rows one CSV import may carry
 * @param refresh          how often a replica checks whether another replica trained a newer model
 */
@ConfigurationProperties("platform.intents")
public record IntentsProperties(@DefaultValue("minilm") List<String> embeddingModels,
                                @DefaultValue("2") int workers,
                                @DefaultValue("0.2") double threshold,
                                @DefaultValue("1") double c,
                                @DefaultValue("0.5") double temperature,
                                @DefaultValue("1.5") double embeddingWeight,
                                @DefaultValue("30000") int maxTerms,
                                @DefaultValue("50000") int maxExamples,
                                @DefaultValue("20000") int maxImportRows,
                                @DefaultValue("2s") Duration refresh) {
}
