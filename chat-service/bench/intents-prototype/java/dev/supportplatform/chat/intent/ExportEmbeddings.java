package dev.supportplatform.chat.intent;

import java.io.*;
import java.nio.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;

/** Embeds each line of each given .txt with the service's TextEncoder(["minilm"]) and writes <name>.minilm.npy (float32). */
public class ExportEmbeddings {
    public static void main(String[] args) throws Exception {
        try (TextEncoder enc = new TextEncoder(List.of("minilm"), 2)) {
            for (String f : args) {
                Path in = Path.of(f);
                Path out = Path.of(f.replaceAll("\\.txt$", ".minilm.npy"));
                if (Files.exists(out)) { System.out.println("skip " + out); continue; }
                List<String> texts = Files.readAllLines(in, StandardCharsets.UTF_8);
                long t0 = System.nanoTime();
                List<float[]> v = enc.encodeAll(texts);
                int d = enc.dimension();
                String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + v.size() + ", " + d + "), }";
                int total = 10 + header.length() + 1;
                int pad = (64 - total % 64) % 64;
                StringBuilder h = new StringBuilder(header);
                for (int i = 0; i < pad; i++) h.append(' ');
                h.append('\n');
                ByteBuffer buf = ByteBuffer.allocate(10 + h.length() + v.size() * d * 4).order(ByteOrder.LITTLE_ENDIAN);
                buf.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
                buf.putShort((short) h.length()).put(h.toString().getBytes(StandardCharsets.US_ASCII));
                for (float[] r : v) for (float x : r) buf.putFloat(x);
                Files.write(out, buf.array());
                System.out.printf("%s %d texts %.1f s%n", out, v.size(), (System.nanoTime() - t0) / 1e9);
            }
        }
    }
}
