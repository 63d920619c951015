package dev.supportplatform.chat;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Audio for tests: real speech from eSpeak NG (run here, independently of the service's synthesiser), tones, silence. */
final class SpeechSamples {

    private SpeechSamples() {
    }

    /** {@code text} spoken by eSpeak NG's en-us voice at 160 words a minute: a 22.05 kHz mono WAV. */
    static byte[] spoken(String text) {
        try {
            Process p = new ProcessBuilder(List.of("espeak-ng", "-v", "en-us", "-s", "160", "--stdout", text))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] wav = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("espeak-ng failed");
            }
            // Re-read and re-write: eSpeak streams its WAV with placeholder sizes in the header.
            try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
                return wav(in.readAllBytes(), Math.round(in.getFormat().getSampleRate()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("espeak-ng is needed for the voice tests (Debian package espeak-ng; .ci/install-infra.sh installs it)", e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] wav(byte[] pcm16, int rate) {
        AudioFormat format = new AudioFormat(rate, 16, 1, true, false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm16), format, pcm16.length / 2), AudioFileFormat.Type.WAVE, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The samples of a 16-bit mono WAV, converted to {@code rate} (raw PCM16 little-endian, no header). */
    static byte[] rawPcm(byte[] wav, int rate) {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
            AudioFormat target = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, rate, 16, 1, 2, rate, false,
                    java.util.Map.of("interpolation", "sinc"));
            return AudioSystem.getAudioInputStream(target, in).readAllBytes();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] silence(int rate, double seconds) {
        return wav(new byte[(int) (rate * seconds) * 2], rate);
    }

    static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    static AudioFormat formatOf(byte[] wav) {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
            return in.getFormat();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Root mean square of a 16-bit mono WAV's samples. */
    static double rms(byte[] wav) {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
            byte[] b = in.readAllBytes();
            double sum = 0;
            for (int i = 0; i + 1 < b.length; i += 2) {
                short s = (short) ((b[i] & 0xff) | (b[i + 1] << 8));
                sum += (double) s * s;
            }
            return Math.sqrt(sum / Math.max(1, b.length / 2));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
