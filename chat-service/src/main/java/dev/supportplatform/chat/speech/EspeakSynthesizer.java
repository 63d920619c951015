package dev.supportplatform.chat.speech;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Offline speech synthesis with eSpeak NG (Debian package {@code espeak-ng}): the text goes in on standard input
 * (never as an argument, so no text can be read as an option) and a 22.05 kHz WAV comes out on standard output.
 * The voice follows the answer's language when eSpeak has one for it, else the configured default voice.
 */
public class EspeakSynthesizer implements TextToSpeech {

    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[a-z0-9]{2,8})?");
    private static final int MAX_OUTPUT = 64 * 1024 * 1024;

    private final String command;
    private final String defaultVoice;
    private final int wordsPerMinute;
    private final Duration timeout;

    public EspeakSynthesizer(String command, String defaultVoice, int wordsPerMinute, Duration timeout) {
        this.command = command;
        this.defaultVoice = defaultVoice;
        this.wordsPerMinute = wordsPerMinute;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "espeak-ng";
    }

    @Override
    public void checkAvailable() {
        if (!ExternalProcess.isInstalled(command)) {
            throw new SpeechUnavailableException("Speech synthesis is unavailable: " + command
                    + " is not installed (Debian package espeak-ng)");
        }
    }

    @Override
    public Speech synthesize(String text, String language) {
        checkAvailable();
        String voice = language != null && LANGUAGE.matcher(language.toLowerCase()).matches()
                && !defaultVoice.startsWith(language.toLowerCase()) ? language.toLowerCase() : defaultVoice;
        ExternalProcess.Result result = speak(text, voice);
        if (result.exitCode() != 0 && !voice.equals(defaultVoice)) {
            // eSpeak has no voice for that language: the default voice is better than no audio.
            result = speak(text, defaultVoice);
        }
        if (result.exitCode() != 0 || !AudioClip.isWav(result.stdout())) {
            throw new SpeechFailedException(command + " failed with exit code " + result.exitCode());
        }
        // eSpeak streams its WAV with placeholder sizes in the header; re-encoding writes the real ones.
        AudioClip clip = AudioClip.decode(result.stdout(), 0);
        return new Speech(clip.toWav(), clip.sampleRate());
    }

    private ExternalProcess.Result speak(String text, String voice) {
        List<String> cmd = new ArrayList<>(List.of(command, "--stdin", "--stdout", "-v", voice, "-s", Integer.toString(wordsPerMinute)));
        return ExternalProcess.run(cmd, text.getBytes(StandardCharsets.UTF_8), timeout, MAX_OUTPUT);
    }
}
