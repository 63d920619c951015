package dev.supportplatform.chat.speech;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Mono 16-bit signed little-endian PCM at a known sample rate: the one shape every speech engine here is fed.
 * Clients send either a WAV file (any PCM layout javax.sound reads: 8/16/24-bit, mono or stereo) or raw PCM16 mono
 * at the rate they declare; {@link #decode} turns both into a clip, {@link #resampled} converts the rate.
 */
public record AudioClip(byte[] pcm16, int sampleRate) {

    public static final int MIN_RATE = 8_000;
    public static final int MAX_RATE = 48_000;

    public AudioClip {
        if (pcm16.length % 2 != 0) {
            throw new InvalidAudioException("PCM16 audio must have an even number of bytes");
        }
    }

    /**
     * @param payload      a WAV file, or raw PCM16 little-endian mono samples
     * @param declaredRate the sample rate of raw PCM (ignored for WAV, whose header carries its own)
     */
    public static AudioClip decode(byte[] payload, int declaredRate) {
        if (payload.length == 0) {
            throw new InvalidAudioException("The audio is empty");
        }
        if (isWav(payload)) {
            return fromWav(payload);
        }
        checkRate(declaredRate, "sample_rate");
        if (payload.length % 2 != 0) {
            throw new InvalidAudioException("Raw audio must be 16-bit PCM (an even number of bytes), or send a WAV file");
        }
        return new AudioClip(payload, declaredRate);
    }

    public static boolean isWav(byte[] payload) {
        return payload.length >= 12 && payload[0] == 'R' && payload[1] == 'I' && payload[2] == 'F' && payload[3] == 'F'
                && payload[8] == 'W' && payload[9] == 'A' && payload[10] == 'V' && payload[11] == 'E';
    }

    private static AudioClip fromWav(byte[] wav) {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
            AudioFormat format = in.getFormat();
            checkRate(Math.round(format.getSampleRate()), "the WAV file's sample rate");
            AudioFormat target = pcm16(format.getSampleRate(), Map.of());
            try (AudioInputStream converted = convert(target, in)) {
                return new AudioClip(converted.readAllBytes(), Math.round(format.getSampleRate()));
            }
        } catch (UnsupportedAudioFileException e) {
            throw new InvalidAudioException("The WAV file could not be read (" + e.getMessage() + "); send PCM WAV or raw PCM16");
        } catch (IOException e) {
            throw new InvalidAudioException("The WAV file is truncated or corrupt");
        }
    }

    /**
     * The same sound at another sample rate. javax.sound's converter resamples linearly unless asked for its
     * windowed-sinc interpolation, and linear resampling lets everything above the new Nyquist frequency fold back
     * into the speech band, which costs the recogniser words; so we ask for sinc.
     */
    public AudioClip resampled(int targetRate) {
        if (targetRate == sampleRate) {
            return this;
        }
        AudioFormat target = pcm16(targetRate, Map.of("interpolation", "sinc"));
        try (AudioInputStream in = stream(); AudioInputStream out = convert(target, in)) {
            return new AudioClip(out.readAllBytes(), targetRate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This clip as a WAV file. */
    public byte[] toWav() {
        try (AudioInputStream in = stream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(pcm16.length + 44);
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long durationMillis() {
        return pcm16.length / 2 * 1000L / sampleRate;
    }

    private AudioInputStream stream() {
        return new AudioInputStream(new ByteArrayInputStream(pcm16), pcm16(sampleRate, Map.of()), pcm16.length / 2);
    }

    private static AudioInputStream convert(AudioFormat target, AudioInputStream in) {
        if (!AudioSystem.isConversionSupported(target, in.getFormat())) {
            throw new InvalidAudioException("Audio encoded as " + in.getFormat() + " cannot be converted to PCM16");
        }
        return AudioSystem.getAudioInputStream(target, in);
    }

    private static AudioFormat pcm16(float rate, Map<String, Object> properties) {
        return new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, rate, 16, 1, 2, rate, false, properties);
    }

    private static void checkRate(int rate, String what) {
        if (rate < MIN_RATE || rate > MAX_RATE) {
            throw new InvalidAudioException(what + " must be between " + MIN_RATE + " and " + MAX_RATE + " Hz (got " + rate + ")");
        }
    }
}
