package dev.supportplatform.chat.speech;

import org.junit.jupiter.api.Test;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AudioClipTest {

    /** A sine tone as 16-bit little-endian PCM, one channel or the same on every channel. */
    static byte[] tone(double hz, int rate, double seconds, int channels, double amplitude) {
        int frames = (int) (rate * seconds);
        byte[] out = new byte[frames * 2 * channels];
        for (int i = 0; i < frames; i++) {
            short s = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / rate));
            for (int c = 0; c < channels; c++) {
                int at = (i * channels + c) * 2;
                out[at] = (byte) s;
                out[at + 1] = (byte) (s >> 8);
            }
        }
        return out;
    }

    static byte[] wav(byte[] pcm, int rate, int channels) throws IOException {
        AudioFormat format = new AudioFormat(rate, 16, channels, true, false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), format, pcm.length / 2 / channels),
                AudioFileFormat.Type.WAVE, out);
        return out.toByteArray();
    }

    /** Root mean square over the middle half (away from the resampler's edges). */
    static double rms(AudioClip clip) {
        byte[] b = clip.pcm16();
        int n = b.length / 2;
        double sum = 0;
        int count = 0;
        for (int i = n / 4; i < 3 * n / 4; i++) {
            short s = (short) ((b[2 * i] & 0xff) | (b[2 * i + 1] << 8));
            sum += (double) s * s;
            count++;
        }
        return Math.sqrt(sum / count);
    }

    @Test
    void rawPcmIsTakenAtTheDeclaredRate() {
        AudioClip clip = AudioClip.decode(tone(440, 8000, 1.0, 1, 8000), 8000);
        assertThat(clip.sampleRate()).isEqualTo(8000);
        assertThat(clip.durationMillis()).isEqualTo(1000);
    }

    @Test
    void aWavHeaderOverridesTheDeclaredRateAndStereoIsMixedToMono() throws IOException {
        AudioClip clip = AudioClip.decode(wav(tone(440, 44100, 0.5, 2, 8000), 44100, 2), 16000);
        assertThat(clip.sampleRate()).isEqualTo(44100);
        assertThat(clip.pcm16().length).isEqualTo(44100 / 2 * 2);
        assertThat(rms(clip)).isCloseTo(8000 / Math.sqrt(2), within(300.0));
    }

    @Test
    void resamplingKeepsSpeechBandTonesAndRemovesWhatWouldFoldBackIntoThem() {
        AudioClip speechBand = AudioClip.decode(tone(1000, 44100, 1.0, 1, 10000), 44100).resampled(16000);
        assertThat(speechBand.sampleRate()).isEqualTo(16000);
        assertThat(speechBand.pcm16().length / 2).isBetween(15950, 16050);
        assertThat(rms(speechBand)).isCloseTo(10000 / Math.sqrt(2), within(200.0));

        // 10 kHz is above 16 kHz's Nyquist frequency: a naive resampler would fold it to 6 kHz at nearly full level.
        AudioClip aboveNyquist = AudioClip.decode(tone(10000, 44100, 1.0, 1, 10000), 44100).resampled(16000);
        assertThat(rms(aboveNyquist)).isLessThan(10000 / Math.sqrt(2) / 50);
    }

    @Test
    void upsamplingTelephoneAudioKeepsItsLevel() {
        AudioClip clip = AudioClip.decode(tone(500, 8000, 1.0, 1, 6000), 8000).resampled(16000);
        assertThat(clip.pcm16().length / 2).isBetween(15950, 16050);
        assertThat(rms(clip)).isCloseTo(6000 / Math.sqrt(2), within(200.0));
    }

    @Test
    void aClipWrittenAsWavReadsBackTheSame() {
        AudioClip clip = AudioClip.decode(tone(300, 16000, 0.25, 1, 5000), 16000);
        AudioClip back = AudioClip.decode(clip.toWav(), 8000);
        assertThat(back.sampleRate()).isEqualTo(16000);
        assertThat(back.pcm16()).isEqualTo(clip.pcm16());
    }

    @Test
    void ratesOutsideEightToFortyEightKilohertzAreRefusedForRawAndWav() throws IOException {
        assertThatThrownBy(() -> AudioClip.decode(tone(440, 8000, 0.1, 1, 1000), 7999))
                .isInstanceOf(InvalidAudioException.class).hasMessageContaining("between 8000 and 48000");
        byte[] wav96k = wav(tone(440, 96000, 0.1, 1, 1000), 96000, 1);
        assertThatThrownBy(() -> AudioClip.decode(wav96k, 16000))
                .isInstanceOf(InvalidAudioException.class).hasMessageContaining("WAV file's sample rate");
    }

    @Test
    void emptyOddLengthAndCorruptAudioAreRefused() throws IOException {
        assertThatThrownBy(() -> AudioClip.decode(new byte[0], 16000)).isInstanceOf(InvalidAudioException.class);
        assertThatThrownBy(() -> AudioClip.decode(new byte[]{1, 2, 3}, 16000)).hasMessageContaining("16-bit PCM");
        byte[] wav = wav(tone(440, 16000, 0.1, 1, 1000), 16000, 1);
        byte[] truncatedHeader = java.util.Arrays.copyOf(wav, 20);
        assertThatThrownBy(() -> AudioClip.decode(truncatedHeader, 16000)).isInstanceOf(InvalidAudioException.class);
    }
}
