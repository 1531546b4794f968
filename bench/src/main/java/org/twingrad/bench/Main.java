package org.twingrad.bench;

/** Entry point of the {@code twingrad} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.out.println("twingrad");
    }
}
