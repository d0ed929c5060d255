package com.example.payments;

import java.util.Map;

/** Payment client — ünïcödé doc. */
public class Payments {
    static final String API_KEY = "sk_test_FAKEEXAMPLEKEY000000000001";
    static final String MODE = "mode_FAKE02";
    private final Map<String, String> headers = Map.of("Authorization", "Bearer tok_FAKE03");

    @SuppressWarnings("ann_FAKE04")
    String dsn( ) {   return "jdbc:postgresql://db/app?user=app&password=pw_FAKE05"; }

    String mode(String m) {
        switch (m) {
            case MODE: return "live";
            case "case_FAKE06": return "case";
            default: return """
                text_FAKE07
                """;
        }
    }
}
