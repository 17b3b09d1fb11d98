package org.racefeatures.pipeline;

import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress of a run, in races done. */
public interface Progress extends AutoCloseable {
  void step(long races);

  @Override
  void close();

  /** Nothing shown (tests, library use). */
  static Progress none() {
    return new Progress() {
      @Override
      public void step(long races) {}

      @Override
      public void close() {}
    };
  }

  /**
   * A progress bar with rate and ETA on standard error when {@code terminal} (standard error is a
   * terminal), otherwise a plain line on {@code err} every 5% with rate and ETA.
   * Uses the progressbar library for the terminal case: it handles width, redraw and ETA.
   */
  static Progress of(boolean terminal, long total, PrintWriter err) {
    if (terminal) {
      ProgressBar bar = new ProgressBarBuilder()
          .setTaskName("races")
          .setInitialMax(total)
          .setStyle(ProgressBarStyle.ASCII)
          .showSpeed()
          .setUpdateIntervalMillis(200)
          .build();
      return new Progress() {
        @Override
        public void step(long races) {
          bar.stepBy(races);
        }

        @Override
        public void close() {
          bar.close();
        }
      };
    }
    return new PlainProgress(total, err);
  }

  /** One line per 5% of the races, for logs and pipes. */
  final class PlainProgress implements Progress {
    private final long total;
    private final PrintWriter err;
    private final long start = System.nanoTime();
    private long done;
    private int nextPercent = 5;

    PlainProgress(long total, PrintWriter err) {
      this.total = total;
      this.err = err;
    }

    @Override
    public void step(long races) {
      done += races;
      int percent = total == 0 ? 100 : (int) (100 * done / total);
      if (percent >= nextPercent) {
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0.0;
        double eta = rate > 0 ? (total - done) / rate : 0.0;
        err.printf("%3d%%  %,d / %,d races  %,.0f races/s  ETA %.1f s%n", percent, done, total, rate, eta);
        err.flush();
        while (nextPercent <= percent) {
          nextPercent += 5;
        }
      }
    }

    @Override
    public void close() {}
  }
}
