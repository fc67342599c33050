package io.lyss.standalone;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Every Lyss module in one JVM: the default on one machine. Each module contributes itself through its
 * auto-configuration; this class only adds the demo provider and the first-run bootstrap.
 */
@SpringBootApplication
public class LyssApplication {

    public static void main(String[] args) {
        SpringApplication.run(LyssApplication.class, args);
    }
}
