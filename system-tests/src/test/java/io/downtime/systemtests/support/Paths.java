package io.downtime.systemtests.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locations in the project checkout. */
public final class Paths {

    private Paths() {
    }

    /** The project root: {@code -Dproject.rootdir} (set by the build), else the nearest folder with {@code mvnw}. */
    public static Path root() {
        String configured = System.getProperty("project.rootdir");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("mvnw"))) {
                return p;
            }
        }
        throw new IllegalStateException("project root not found");
    }
}
