package com.example.orders;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/** Orders service: prints the settings it runs with (a smoke check). */
@SpringBootConfiguration
public class OrdersApplication {
    public static void main(String[] args) {
        try (ConfigurableApplicationContext ctx = SpringApplication.run(OrdersApplication.class, args)) {
            Environment env = ctx.getEnvironment();
            System.out.println("datasource user: " + env.getProperty("spring.datasource.username"));
            System.out.println("datasource password: " + env.getProperty("spring.datasource.password"));
            System.out.println("mail key: " + env.getProperty("sendgrid.api-key"));
            System.out.println("payments key: " + new PaymentsClient().apiKey());
        }
    }
}
