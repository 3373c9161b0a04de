package io.tlslab.e2e.containers;

import com.github.dockerjava.api.exception.NotFoundException;
import io.tlslab.e2e.support.TlslabJar;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The tlslab images, built once per test JVM from the repository's Dockerfiles and the jars this
 * build just packaged, so the containers always run the code under test.
 *
 * <p>Base image: {@code TLSLAB_BASE_IMAGE} (env or system property) if set; else the local
 * {@code tlslab/jre:17} (docker/base-image/build.sh) when it exists; else the Dockerfiles' public
 * default. The build context is staged like docker/build-images.sh does it, and the Dockerfile is
 * added as a plain file so Testcontainers does not try to pre-pull its {@code FROM} image.
 */
public final class TlslabImages {

    static final String LOCAL_BASE = "tlslab/jre:17";
    static final String PUBLIC_BASE = "eclipse-temurin:17-jre";
    private static final Logger LOG = LoggerFactory.getLogger(TlslabImages.class);
    private static final Map<TlslabJar, ImageFromDockerfile> IMAGES = new EnumMap<>(TlslabJar.class);

    private TlslabImages() {}

    public static synchronized Future<String> of(TlslabJar jar) {
        return IMAGES.computeIfAbsent(jar, TlslabImages::build);
    }

    private static ImageFromDockerfile build(TlslabJar jar) {
        String base = baseImage();
        LOG.info("building the {} image from {} on {}", jar.fileName(), jar.dockerfile(), base);
        // kept after the run (deleteOnExit=false): the next run reuses their layers, and each build
        // replaces the :latest tag
        return new ImageFromDockerfile("tlslab-e2e/" + jar.name().toLowerCase(), false)
                .withFileFromPath("Dockerfile", jar.dockerfile())
                .withFileFromPath(jar.fileName(), jar.path())
                .withFileFromString("data/.keep", "")
                .withFileFromString("certs/.keep", "")
                .withBuildArg("BASE_IMAGE", base);
    }

    static String baseImage() {
        String configured = System.getenv("TLSLAB_BASE_IMAGE");
        if (configured == null || configured.isBlank()) {
            configured = System.getProperty("tlslab.base.image");
        }
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        if (localImageExists(LOCAL_BASE)) {
            return LOCAL_BASE;
        }
        if (!localImageExists(PUBLIC_BASE)) {
            LOG.warn(
                    "neither {} nor {} is present locally: the image builds pull {}; without registry access run "
                            + "docker/base-image/build.sh first",
                    LOCAL_BASE,
                    PUBLIC_BASE,
                    PUBLIC_BASE);
        }
        return PUBLIC_BASE;
    }

    private static boolean localImageExists(String image) {
        try {
            DockerClientFactory.lazyClient().inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }
}
