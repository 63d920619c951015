package dev.supportplatform.chat.speech;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Offline speech recognition with CMU PocketSphinx's command-line decoder (Debian packages {@code pocketsphinx} and
 * {@code pocketsphinx-en-us}). The decoder wants 16 kHz mono 16-bit WAV, so the audio is resampled first. Its
 * {@code -time yes} output gives, after each utterance's text, one line per word with its posterior probability;
 * the transcript's confidence is the mean of those over the spoken words.
 */
public class PocketsphinxRecognizer implements SpeechToText {

    static final int DECODER_RATE = 16_000;
    private static final Pattern WORD_LINE = Pattern.compile("^(\\S+) (\\d+\\.\\d+) (\\d+\\.\\d+) (\\d+\\.\\d+)$");
    private static final int MAX_OUTPUT = 256 * 1024;

    private final String command;
    private final List<String> modelArguments;
    private final String language;
    private final Duration timeout;

    /**
     * @param modelArguments extra decoder arguments such as {@code -hmm DIR -lm FILE -dict FILE} for another model
     * @param language       ISO-639-1 code of the model's language
     */
    public PocketsphinxRecognizer(String command, List<String> modelArguments, String language, Duration timeout) {
        this.command = command;
        this.modelArguments = List.copyOf(modelArguments);
        this.language = language;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "pocketsphinx";
    }

    @Override
    public void checkAvailable() {
        if (!ExternalProcess.isInstalled(command)) {
            throw new SpeechUnavailableException("Speech recognition is unavailable: " + command
                    + " is not installed (Debian packages pocketsphinx and pocketsphinx-en-us)");
        }
    }

    @Override
    public Transcript transcribe(AudioClip audio, String languageHint) {
        checkAvailable();
        Path wav = null;
        try {
            // The decoder only checks a WAV header when the file name ends in .wav.
            wav = Files.createTempFile("speech-", ".wav");
            Files.write(wav, audio.resampled(DECODER_RATE).toWav());
            List<String> cmd = new ArrayList<>(List.of(command, "-infile", wav.toString(), "-time", "yes", "-logfn", "/dev/null"));
            cmd.addAll(modelArguments);
            ExternalProcess.Result result = ExternalProcess.run(cmd, null, timeout, MAX_OUTPUT);
            if (result.exitCode() != 0) {
                throw new SpeechFailedException(command + " failed with exit code " + result.exitCode());
            }
            return parse(new String(result.stdout(), StandardCharsets.UTF_8), language);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (wav != null) {
                try {
                    Files.deleteIfExists(wav);
                } catch (IOException ignored) {
                    // A leftover temp file is harmless.
                }
            }
        }
    }

    /** Reads the decoder's output: utterance texts, each followed by its word timings and probabilities. */
    static Transcript parse(String output, String language) {
        List<String> texts = new ArrayList<>();
        double probabilitySum = 0;
        int words = 0;
        for (String raw : output.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher word = WORD_LINE.matcher(line);
            if (word.matches()) {
                if (isSpokenWord(word.group(1))) {
                    probabilitySum += Double.parseDouble(word.group(4));
                    words++;
                }
            } else {
                texts.add(line);
            }
        }
        Double confidence = words == 0 ? null : Math.round(probabilitySum / words * 1000.0) / 1000.0;
        return new Transcript(String.join(" ", texts), confidence, language);
    }

    /** Sentence markers, silence and fillers ({@code <s>}, {@code <sil>}, {@code [NOISE]}, {@code ++UH++}) are not words. */
    private static boolean isSpokenWord(String token) {
        return !token.startsWith("<") && !token.startsWith("[") && !token.startsWith("++");
    }
}
