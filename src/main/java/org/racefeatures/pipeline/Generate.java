package org.racefeatures.pipeline;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.memory.rounding.SegmentRoundingPolicy;
import org.racefeatures.db.Sqlite;
import org.racefeatures.export.ExportFormat;
import org.racefeatures.export.Dictionaries;
import org.racefeatures.export.Exporter;
import org.racefeatures.export.Provenance;
import org.racefeatures.export.StreamingExport;
import org.racefeatures.features.FeatureCatalogue;
import org.racefeatures.features.FeatureEngine;
import org.racefeatures.features.FeatureRows;
import org.racefeatures.features.History;
import org.racefeatures.model.InvalidRow;
import org.racefeatures.load.Layout;
import org.racefeatures.load.Loader;
import org.racefeatures.model.RaceTable;
import org.racefeatures.model.RacingData;
import org.racefeatures.model.RunnerTable;
import org.racefeatures.write.FeatureWriter;

/**
 * The {@code generate} job: load once, compute races in parallel batches, write with one writer.
 *
 * <pre>
 *   load (Arrow columns) -> prepare (indexes, ratings) -> compute batches on N workers
 *                                                      -> bounded queue -> one writer
 * </pre>
 *
 * Batches reach the writer in race order whatever the worker count, so the table, the export and
 * the progress are the same for any {@code workers} and {@code batchRaces}.
 */
public final class Generate {
  /** Default runner rows per history ({@link Options#historyRows}). */
  public static final int HISTORY_ROWS = HistoryChunks.ROWS;

  /** Batches waiting for the writer; bounds memory when compute outruns the disk. */
  private static final int QUEUE_BATCHES = 8;

  /**
   * @param db the input database (opened read-only unless {@code out} is null)
   * @param out the database that receives the feature tables, or null for {@code db}
   * @param layout how the input's tables are read as races and runners
   * @param update recompute only what changed since the table was written ({@link UpdatePlan});
   *     the selection is then ignored
   * @param jdbcWriter insert every value through the driver, even where page images would serve
   * @param historyRows runner rows per history: a run over more is computed in chunks ({@link HistoryChunks})
   */
  public record Options(Path db, Layout layout, Path out, int workers, Selection selection, int batchRaces,
      boolean resume, boolean update, boolean skipInvalid, String parameters, Path export,
      ExportFormat exportFormat, boolean jdbcWriter, int historyRows) {
    public Options {
      java.util.Objects.requireNonNull(layout, "layout");
      if (workers < 1) {
        throw new IllegalArgumentException("workers must be at least 1, got " + workers);
      }
      if (batchRaces < 1) {
        throw new IllegalArgumentException("batch size must be at least 1 race, got " + batchRaces);
      }
      if (historyRows < 1) {
        throw new IllegalArgumentException("history chunks must be at least 1 row, got " + historyRows);
      }
    }

    Path target() {
      return out == null ? db : out;
    }
  }

  /**
   * What a run did and how long each stage took.
   *
   * @param racesInInput the valid races of the input
   * @param racesInTable the races the table holds after the run
   * @param stopped whether the run stopped early on request ({@link RunControl#requestStop})
   */
  public record Summary(int racesInInput, int racesSelected, int racesSkippedResume, long racesWritten,
      long rowsWritten, long racesInTable, boolean stopped, int workers, double loadSeconds,
      double prepareSeconds, double computeSeconds, double writeSeconds, double totalSeconds,
      List<InvalidRow> skippedInvalid, Map<String, Integer> statusCounts, String inserter, long rowsExported) {}

  /** Default worker count: the cores minus one for the writer, at least one. */
  public static int defaultWorkers() {
    return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
  }

  private Generate() {}

  /**
   * Runs the job.
   *
   * @param progress given the number of races to compute, returns where to report progress
   */
  public static Summary run(Options o, String toolVersion, java.util.function.LongFunction<Progress> progress)
      throws Exception {
    return run(o, toolVersion, progress, Reporter.NONE, new RunControl());
  }

  /**
   * Runs the job, reporting its stages and what an update found to {@code reporter} and how far it
   * got to {@code control}, which may also ask it to stop between batches.
   */
  public static Summary run(Options o, String toolVersion, java.util.function.LongFunction<Progress> progress,
      Reporter reporter, RunControl control) throws Exception {
    long t0 = System.nanoTime();
    Map<String, String> provenance = new LinkedHashMap<>();
    Loader loader = new Loader(o.db(), o.layout());
    // An update exports the whole table once it is written; other runs stream the rows they compute.
    boolean streamExport = o.export() != null && !o.update();
    reporter.stage("loading races and runners from " + o.db());
    // Buffers of their exact size (to the KB): Arrow's default rounds one under 16 MB up to a power of
    // two, which a table's narrow columns would pay for in every run (a 1-byte column of 4.4 million
    // rows: 8.4 MB instead of 5.0).
    try (BufferAllocator allocator = new RootAllocator(RootAllocator.configBuilder()
            .roundingPolicy(new SegmentRoundingPolicy(1024L)).build());
        BufferAllocator tables = allocator.newChildAllocator("tables", 0, Long.MAX_VALUE);
        RacingData data = load(o, loader, tables, toolVersion, provenance);
        StreamingExport export = streamExport
            ? new StreamingExport(o.export(), o.exportFormat(), provenance, dictionaries(data), allocator) : null) {
      long t1 = System.nanoTime();
      // What the columns hold outside the heap: the measure of the bytes kept per row.
      long columnBytes = tables.getAllocatedMemory();
      reporter.stageDone(String.format("loaded %,d races and %,d runner rows (%,d MB of columns, %d bytes per"
          + " runner row)", data.races().size(), data.runners().size(), columnBytes >> 20,
          columnBytes / Math.max(1, data.runners().size())), (t1 - t0) / 1e9);
      UpdatePlan plan = null;
      Map<Object, org.racefeatures.write.WrittenRace> written = Map.of();
      int[] selected;
      if (o.update()) {
        written = FeatureWriter.written(o.target());
        plan = UpdatePlan.of(data, written, toolVersion);
        reporter.notice(plan.describe(data.races().size(), FeatureWriter.lastWritten(o.target())));
        selected = plan.races();
      } else {
        selected = o.selection().select(data.races());
      }
      Summary s;
      if (plan != null && plan.isEmpty()) { // up to date: no history, and the file is not even opened for writing
        s = new Summary(data.races().size(), 0, 0, 0, 0, written.size(), false,
            o.workers(), (t1 - t0) / 1e9, 0, 0, 0, (System.nanoTime() - t0) / 1e9, data.skipped(),
            loader.statusCounts(), "none", -1);
      } else {
        // The load's garbage on the heap (its race order and texts, about 150 MB at 450,000 races) is
        // partly in the old generation, which a young collection never frees: collected here, the
        // history starts in an empty heap (450,000 races, the last 1,000: peak RSS 880 MB with this,
        // 895-994 MB without).
        System.gc();
        reporter.stage("preparing histories and ratings");
        // Only the selected races are computed: the history groups only their horses', jockeys',
        // trainers' and courses' runs. A large selection is computed in chunks, a history each.
        HistoryChunks chunks = new HistoryChunks(data, selected, o.historyRows());
        chunks.prepareFirst();
        long t2 = System.nanoTime();
        reporter.stageDone(chunks.size() == 1 ? "prepared"
            : String.format("prepared the first of %,d history chunks (at most %,d runner rows each, --history-rows)",
                chunks.size(), o.historyRows()), (t2 - t1) / 1e9);
        s = computeAndWrite(o, toolVersion, data, chunks, selected, plan, export, progress, control, loader,
            reporter, t0, t1, t2);
      }
      // A stopped run writes no export: its file would hold part of the rows (the temporary file
      // is discarded when the export closes).
      if (export != null && !s.stopped()) {
        export.finish();
      }
      if (o.update() && o.export() != null && !s.stopped()) {
        long rows = Exporter.writeTable(allocator, o.target(), null, null, o.export(), o.exportFormat(),
            provenance);
        s = new Summary(s.racesInInput(), s.racesSelected(), s.racesSkippedResume(), s.racesWritten(),
            s.rowsWritten(), s.racesInTable(), s.stopped(), s.workers(), s.loadSeconds(), s.prepareSeconds(),
            s.computeSeconds(), s.writeSeconds(), (System.nanoTime() - t0) / 1e9, s.skippedInvalid(),
            s.statusCounts(), s.inserter(), rows);
      }
      return s;
    }
  }

  private static Summary computeAndWrite(Options o, String toolVersion, RacingData data, HistoryChunks chunks,
      int[] selected, UpdatePlan plan, StreamingExport export, java.util.function.LongFunction<Progress> progress,
      RunControl control, Loader loader, Reporter reporter, long t0, long t1, long t2) throws Exception {
    try (FeatureWriter writer = FeatureWriter.open(o.target(), o.db().toString(), toolVersion,
        o.parameters(), selected.length, o.jdbcWriter())) {
      if (writer.droppedRows() >= 0) {
        reporter.notice(String.format("%s: its runner_features table (%,d rows) had the columns of another catalogue"
            + " version; replaced by version %d's, so every race this run does not compute is gone from it",
            o.target(), writer.droppedRows(), FeatureCatalogue.VERSION));
      }
      int[] todo = o.resume() ? notDone(data, selected, writer) : selected;
      boolean all = coversAll(data.races(), selected, writer);
      if (plan != null && !all) {
        writer.removeFrom(plan.startMinute());
      }
      writer.replaceAll(!o.resume() && all);
      control.toWrite(todo.length);
      Timing timing;
      try (Progress p = progress.apply(todo.length)) {
        timing = computeAndWrite(chunks, todo, o, writer, export, p, control);
      }
      writer.finish(!control.stopRequested() || writer.racesWritten() == todo.length);
      long t3 = System.nanoTime();
      return new Summary(data.races().size(), selected.length, selected.length - todo.length,
          writer.racesWritten(), writer.rowsWritten(), writer.racesInTable(),
          writer.racesWritten() < todo.length, o.workers(), (t1 - t0) / 1e9,
          (t2 - t1) / 1e9 + chunks.laterPrepareSeconds(), timing.computeSeconds, timing.writeSeconds,
          (t3 - t0) / 1e9, data.skipped(), loader.statusCounts(),
          writer.inserterName(), export == null ? -1 : writer.rowsWritten());
    }
  }

  private static RacingData load(Options o, Loader loader, BufferAllocator allocator, String toolVersion,
      Map<String, String> provenance) throws Exception {
    try (Connection in = Sqlite.openExisting(o.db(), true)) {
      RacingData data = loader.load(in, allocator, o.skipInvalid());
      try {
        if (o.export() != null) { // read through the layout's views, which the load left on the connection
          provenance.putAll(Provenance.of(toolVersion, o.db(), in, o.parameters()));
        }
      } catch (Exception | Error e) {
        data.close();
        throw e;
      }
      return data;
    }
  }

  /**
   * The id columns that hold text (exported as strings) and the values of the categories (held
   * dictionary-encoded by an Arrow IPC export): the input's, as the rows of any selection hold none else.
   */
  private static Dictionaries dictionaries(RacingData data) {
    java.util.Set<String> textIds = new java.util.HashSet<>();
    if (data.races().raceIds().anyText()) {
      textIds.add("race_id");
    }
    if (data.runners().horseIds().anyText()) {
      textIds.add("horse_id");
    }
    Map<String, java.util.List<String>> values = new java.util.LinkedHashMap<>();
    if (data.races().courseIds().anyText()) {
      textIds.add("course_id");
      java.util.List<String> courses = new java.util.ArrayList<>();
      for (int k = 0; k < data.races().courseIds().size(); k++) {
        courses.add(data.races().courseIds().value(k).toString());
      }
      values.put("course_id", courses);
    }
    values.put("going", data.races().going().names());
    values.put("surface", data.races().surface().names());
    values.put("race_type", data.races().raceType().names());
    return new Dictionaries(textIds, values);
  }

  private static int[] notDone(RacingData data, int[] selected, FeatureWriter writer) {
    IntArrayList out = new IntArrayList(selected.length);
    for (int race : selected) {
      if (!writer.isDone(data.races().raceId(race), data.fingerprint(race))) {
        out.add(race);
      }
    }
    return out.toIntArray();
  }

  /** Whether every race already in the table is being recomputed now. */
  private static boolean coversAll(RaceTable races, int[] selected, FeatureWriter writer) {
    if (writer.existingRaces() > selected.length) {
      return false;
    }
    java.util.Set<Object> ids = new java.util.HashSet<>(selected.length * 2);
    for (int race : selected) {
      ids.add(races.raceId(race));
    }
    return writer.coveredBy(ids);
  }

  private record Timing(double computeSeconds, double writeSeconds) {}

  /**
   * The parallel stage: workers compute batches in a ForkJoinPool, one thread writes them in order;
   * chunk after chunk, each with its own history.
   */
  private static Timing computeAndWrite(HistoryChunks chunks, int[] todo, Options o,
      FeatureWriter writer, StreamingExport export, Progress progress, RunControl control) throws Exception {
    BlockingQueue<FeatureWriter.Batch> queue = new ArrayBlockingQueue<>(QUEUE_BATCHES);
    FeatureWriter.Batch end = new FeatureWriter.Batch(null, null, null, null);
    ExecutorService writerThread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "racefeatures-writer");
      t.setDaemon(true);
      return t;
    });
    ForkJoinPool pool = new ForkJoinPool(o.workers());
    try {
      Future<Double> writing = writerThread.submit(() -> {
        long busy = 0;
        for (FeatureWriter.Batch b = queue.take(); b != end; b = queue.take()) {
          if (control.stopRequested()) {
            continue; // drained, not written: the batch before was the last to commit
          }
          long s = System.nanoTime();
          writer.write(b);
          if (export != null) {
            export.add(b.rows());
          }
          busy += System.nanoTime() - s;
          control.written(b.races().size());
          progress.step(b.races().size());
        }
        return busy / 1e9;
      });
      long start = System.nanoTime();
      for (int c = 0; c < chunks.size() && !control.stopRequested(); c++) {
        int[] races = HistoryChunks.within(todo, chunks.races(c));
        if (races.length > 0) {
          computeChunk(chunks.engine(c), races, o, writer, queue, writing, pool, control);
        }
      }
      double computeSeconds = (System.nanoTime() - start) / 1e9 - chunks.laterPrepareSeconds();
      hand(queue, end, writing);
      return new Timing(computeSeconds, writing.get());
    } catch (ExecutionException e) {
      throw unwrap(e);
    } finally {
      RacingData.stopThreads(pool); // a worker still computing after another failed reads the tables
      writerThread.shutdownNow();
    }
  }

  /** One chunk's races in batches, in waves of one batch per worker, handed to the writer in order. */
  private static void computeChunk(FeatureEngine engine, int[] races, Options o, FeatureWriter writer,
      BlockingQueue<FeatureWriter.Batch> queue, Future<Double> writing, ForkJoinPool pool, RunControl control)
      throws InterruptedException, ExecutionException {
    int batches = (races.length + o.batchRaces() - 1) / o.batchRaces();
    IntFunction<FeatureWriter.Batch> compute = b -> batch(engine, writer, races, b * o.batchRaces(),
        Math.min(races.length, (b + 1) * o.batchRaces()));
    // Waves of one batch per worker: forEachOrdered hands a batch on only once every batch
    // before it is done, so one stream over all batches would keep the writer idle (and every
    // batch in memory) until nearly the end. And a stream on one worker computes a wave's
    // batches back to front (a wave of 4: 2, 3, 1, 0), so with more than one batch per worker
    // a wave's first batch waited for all the others before the writer got any.
    int wave = o.workers();
    for (int first = 0; first < batches && !control.stopRequested(); first += wave) {
      int from = first;
      int to = Math.min(batches, first + wave);
      pool.submit(() -> IntStream.range(from, to).parallel().mapToObj(compute)
          .forEachOrdered(b -> hand(queue, b, writing))).get();
    }
  }

  /** A worker's whole share of one batch: its feature rows, encoded for the writer. */
  private static FeatureWriter.Batch batch(FeatureEngine engine, FeatureWriter writer, int[] races, int from,
      int to) {
    FeatureRows rows = engine.compute(races, from, to);
    byte[] encoded = writer.encode(rows);
    RacingData data = engine.history().data();
    RaceTable raceTable = data.races();
    RunnerTable runners = data.runners();
    int n = to - from;
    FeatureWriter.Races facts = new FeatureWriter.Races(new Object[n], new int[n], new long[n], new long[n],
        new boolean[n]);
    long[][] runnerIds = new long[n][];
    for (int i = from; i < to; i++) {
      int race = races[i];
      facts.ids()[i - from] = raceTable.raceId(race);
      facts.targetRows()[i - from] = engine.history().targetCount(race);
      facts.fingerprints()[i - from] = data.fingerprint(race);
      facts.startMinutes()[i - from] = data.startMinute(race);
      facts.racecards()[i - from] = UpdatePlan.isRacecard(data, race);
      int first = raceTable.firstRunner(race);
      long[] ids = new long[raceTable.endRunner(race) - first];
      for (int r = 0; r < ids.length; r++) {
        ids[r] = runners.runnerId(first + r);
      }
      runnerIds[i - from] = ids;
    }
    return new FeatureWriter.Batch(rows, encoded, facts, runnerIds);
  }

  /** Puts a batch on the queue, giving up if the writer has stopped (it failed). */
  private static void hand(BlockingQueue<FeatureWriter.Batch> queue, FeatureWriter.Batch b,
      Future<Double> writing) {
    try {
      while (!queue.offer(b, 50, TimeUnit.MILLISECONDS)) {
        if (writing.isDone()) {
          writing.get(); // throws the writer's failure
          throw new IllegalStateException("the writer stopped early");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while handing a batch to the writer", e);
    } catch (ExecutionException e) {
      throw new WriterFailed(e.getCause());
    }
  }

  private static final class WriterFailed extends RuntimeException {
    WriterFailed(Throwable cause) {
      super(cause);
    }
  }

  /** The failure behind the pool's wrappers, so the CLI can print what went wrong where. */
  private static Exception unwrap(ExecutionException e) {
    Throwable c = e.getCause();
    while (c != null && c.getCause() != null
        && (c instanceof WriterFailed || c instanceof ExecutionException
            || c.getClass() == RuntimeException.class)) {
      c = c.getCause();
    }
    if (c instanceof Error err) {
      throw err;
    }
    return c instanceof Exception ex ? ex : e;
  }

}
