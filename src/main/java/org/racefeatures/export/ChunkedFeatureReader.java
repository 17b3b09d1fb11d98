package org.racefeatures.export;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Feature batches of the {@link FeatureSchema} made by background threads into bounded queues and
 * handed on in output order. Subclasses start the threads ({@link #start}) and say which queue holds
 * the next chunk ({@link #next}); this class moves chunks into the reader's root, remembers a
 * failure, counts rows, and on close stops the threads and frees what they left queued.
 */
abstract class ChunkedFeatureReader extends ArrowReader implements FailingSource {
  /** Rows made by a thread, or the failure that stopped it. */
  record Chunk(VectorSchemaRoot root, Exception failure) {}

  /** After the last chunk. */
  static final Chunk END = new Chunk(null, null);

  private final Map<String, String> metadata;
  private final List<Thread> threads = new ArrayList<>();
  private final List<BlockingQueue<Chunk>> queues = new ArrayList<>();
  private boolean done;
  private long rows;
  private Exception failure;

  ChunkedFeatureReader(BufferAllocator allocator, Map<String, String> metadata) {
    super(allocator);
    this.metadata = metadata;
  }

  /** Starts a daemon thread that fills {@code queue}. */
  final void start(String name, Runnable work, BlockingQueue<Chunk> queue) {
    Thread t = new Thread(work, name);
    t.setDaemon(true);
    threads.add(t);
    queues.add(queue);
    t.start();
  }

  /** The next chunk in output order (waiting for it), or {@link #END}. */
  abstract Chunk next() throws InterruptedException;

  /** Frees what the subclass holds besides its threads and queues; called once, on close. */
  void closeSource() throws IOException {}

  @Override
  public final boolean loadNextBatch() throws IOException {
    if (done) {
      return false;
    }
    Chunk chunk;
    try {
      chunk = next();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading runner_features", e);
    }
    if (chunk == END) {
      done = true;
      return false;
    }
    if (chunk.failure() != null) {
      done = true;
      failure = chunk.failure();
      if (failure instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException("reading runner_features: " + failure.getMessage(), failure);
    }
    try (VectorSchemaRoot source = chunk.root();
        ArrowRecordBatch batch = new VectorUnloader(source).getRecordBatch()) {
      new VectorLoader(getVectorSchemaRoot()).load(batch);
      rows += source.getRowCount();
    }
    return true;
  }

  @Override
  public final Exception failure() {
    return failure;
  }

  /** Rows read so far. */
  public final long rows() {
    return rows;
  }

  @Override
  public final long bytesRead() {
    return 0;
  }

  @Override
  protected final void closeReadSource() throws IOException {
    threads.forEach(Thread::interrupt);
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (BlockingQueue<Chunk> q : queues) {
      for (Chunk c = q.poll(); c != null; c = q.poll()) {
        if (c.root() != null) {
          c.root().close();
        }
      }
    }
    closeSource();
  }

  /** The id columns exported as strings and the categories' values, known before the first row. */
  abstract Dictionaries dictionaries();

  @Override
  protected final Schema readSchema() {
    return FeatureSchema.schema(metadata, dictionaries().textIds());
  }
}
