import dev.supportplatform.chat.speech.AudioClip;
import dev.supportplatform.chat.speech.EspeakSynthesizer;
import dev.supportplatform.chat.speech.PocketsphinxRecognizer;
import dev.supportplatform.chat.speech.SpeechToText;
import dev.supportplatform.chat.speech.TextToSpeech;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How well the offline engines understand each other: each sentence is spoken by eSpeak NG (the service's
 * synthesiser, en-us) at the given rate, fed through the service's own resampling and PocketSphinx recogniser, and
 * scored by word error rate (WER, word-level edit distance / reference words) and key-word recall. Run by
 * bench/run-speech-accuracy.sh.
 */
public class SpeechAccuracy {

    static final List<String> SENTENCES = List.of(
            "I want a refund for my order",
            "How do I reset my password",
            "What are your opening hours",
            "How long does shipping take",
            "Can I cancel my subscription",
            "I want to return my laptop",
            "Where is my package",
            "I need to speak to a human",
            "My account is locked",
            "Do you ship to Canada",
            "How much does the premium plan cost",
            "I was charged twice this month",
            "Can I change my delivery address",
            "The app keeps crashing on my phone",
            "Thank you for your help",
            "What is your return policy",
            "I forgot my user name",
            "Is there a discount for students",
            "My order arrived damaged",
            "How do I update my credit card");

    public static void main(String[] args) {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 160;
        int[] inputRates = {22050, 16000, 8000};
        List<String> decoderArgs = args.length > 1 ? Arrays.asList(args[1].split(" ")) : List.of();
        TextToSpeech tts = new EspeakSynthesizer("espeak-ng", "en-us", rate, Duration.ofSeconds(30));
        SpeechToText stt = new PocketsphinxRecognizer("pocketsphinx_continuous", decoderArgs, "en", Duration.ofSeconds(60));
        System.out.printf("eSpeak NG en-us at %d wpm; decoder arguments %s%n", rate, decoderArgs.isEmpty() ? "(defaults)" : decoderArgs);
        for (int inputRate : inputRates) {
            double errors = 0;
            int words = 0;
            int exact = 0;
            List<String> lines = new ArrayList<>();
            long started = System.nanoTime();
            for (String sentence : SENTENCES) {
                TextToSpeech.Speech speech = tts.synthesize(sentence, "en");
                AudioClip clip = AudioClip.decode(speech.wav(), 0).resampled(inputRate);
                SpeechToText.Transcript t = stt.transcribe(clip, "en");
                List<String> ref = words(sentence);
                List<String> hyp = words(t.text());
                int d = distance(ref, hyp);
                errors += d;
                words += ref.size();
                exact += d == 0 ? 1 : 0;
                lines.add(String.format(Locale.ROOT, "  %-40s -> %s", sentence, t.text()));
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(Locale.ROOT, "input %5d Hz: WER %.1f%% over %d words, %d/%d sentences exact, %.2f s per sentence%n",
                    inputRate, 100.0 * errors / words, words, exact, SENTENCES.size(), seconds / SENTENCES.size());
            if (inputRate == inputRates[0]) {
                lines.forEach(System.out::println);
            }
        }
    }

    static List<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).replaceAll("[^a-z' ]", " ").trim().split("\\s+"))
                .filter(w -> !w.isEmpty()).toList();
    }

    static int distance(List<String> a, List<String> b) {
        int[][] d = new int[a.size() + 1][b.size() + 1];
        for (int i = 0; i <= a.size(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.size(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.size(); i++) {
            for (int j = 1; j <= b.size(); j++) {
                int sub = a.get(i - 1).equals(b.get(j - 1)) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + sub);
            }
        }
        return d[a.size()][b.size()];
    }
}
