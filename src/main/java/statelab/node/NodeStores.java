package statelab.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import statelab.session.redis.RedisLink;

/**
 * What one node keeps besides sessions, for the state labs (docs/STATE-LABS.md): a connection to the
 * shared store (the lab's Redis, which also plays the database) and a directory on this node's own
 * disk. The directory is made when the node starts and deleted when it is killed or stopped, so a
 * restarted node has lost every file, exactly as a replaced server has.
 */
public final class NodeStores implements AutoCloseable {
    private final RedisLink shared;
    private final Path directory;

    /**
     * @param shared the node's own connection to the shared store; closed with the node
     * @param disks  the lab's directory of node directories; this node makes a fresh one inside it
     */
    public NodeStores(String nodeId, RedisLink shared, Path disks) {
        this.shared = shared;
        try {
            Files.createDirectories(disks);
            this.directory = Files.createTempDirectory(disks, nodeId + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("could not make " + nodeId + "'s directory under " + disks, e);
        }
    }

    RedisLink shared() {
        return shared;
    }

    /** This node's own directory; it exists from start to kill. */
    public Path directory() {
        return directory;
    }

    /** Deletes the node's directory and everything in it, and closes the store connection. */
    @Override
    public void close() {
        shared.close();
        deleteTree(directory);
    }

    /** Deletes a directory tree; what is already gone is no error. */
    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + root, e);
        }
    }
}
