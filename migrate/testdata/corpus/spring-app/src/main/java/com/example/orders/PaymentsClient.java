package com.example.orders;

/** Talks to the payment provider. */
public class PaymentsClient {
    private static final String STRIPE_API_KEY = "sk_live_FAKE51H8xEXAMPLEq7wKj3Lm9PzR2tY6uV";

    String apiKey() {
        return STRIPE_API_KEY;
    }
}
