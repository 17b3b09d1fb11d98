package org.racefeatures.db;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Walks the b-tree of one rowid table straight from an SQLite database file, in rowid order, and
 * hands each row's record to a visitor, following SQLite's documented file format
 * (https://www.sqlite.org/fileformat2.html): interior table pages (0x05) and leaf table pages
 * (0x0D), payloads that spill onto overflow pages included.
 *
 * <p>Contract: the caller holds a read transaction on the database (an SQLite SHARED lock, in a
 * rollback-journal mode) for as long as the walk lasts, so no writer can change the file under it.
 * A database in WAL mode must not be read this way: committed pages may still be in the WAL file.
 *
 * <p>Not thread-safe: one walk at a time.
 */
public final class TablePages implements AutoCloseable {
  /** Receives one row: its rowid and its record, {@code length} bytes of {@code buf} from {@code offset}. */
  public interface RowVisitor {
    void row(long rowid, byte[] buf, int offset, int length);
  }

  /**
   * Where a table's rows are in the file and how its records are laid out: the root page, the
   * column names in record order, and which column (if any) is the rowid's alias, whose record
   * slot holds NULL.
   */
  public record Layout(int root, List<String> columns, int rowidAlias, List<Boolean> hasDefault) {
    /** The record index of a column, or -1. */
    public int index(String name) {
      for (int i = 0; i < columns.size(); i++) {
        if (columns.get(i).equalsIgnoreCase(name)) {
          return i;
        }
      }
      return -1;
    }
  }

  /**
   * The layout of an ordinary rowid table, or null when its rows cannot be read from pages: a view,
   * a virtual or WITHOUT ROWID table, a missing table, or a database in WAL mode (committed pages
   * may still be in the WAL file). The caller must then read through the driver.
   */
  public static Layout layout(Connection conn, String table) throws SQLException {
    try (Statement st = conn.createStatement()) {
      try (ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
        if (!rs.next() || "wal".equalsIgnoreCase(rs.getString(1))) {
          return null;
        }
      }
    }
    int root;
    String sql;
    try (PreparedStatement ps = conn.prepareStatement(
        "SELECT rootpage, sql FROM sqlite_master WHERE type = 'table' AND name = ?")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        root = rs.getInt(1);
        sql = rs.getString(2);
      }
    }
    if (root < 1 || sql == null || sql.toUpperCase(java.util.Locale.ROOT).matches("(?s).*WITHOUT\\s+ROWID.*")) {
      return null;
    }
    List<String> columns = new ArrayList<>();
    List<Boolean> hasDefault = new ArrayList<>();
    int alias = -1;
    int keys = 0;
    try (PreparedStatement ps = conn.prepareStatement("SELECT name, type, pk, dflt_value FROM pragma_table_info(?)")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          columns.add(rs.getString(1));
          hasDefault.add(rs.getString(4) != null);
          if (rs.getInt(3) > 0) {
            keys++;
            if ("INTEGER".equalsIgnoreCase(rs.getString(2))) {
              alias = columns.size() - 1;
            }
          }
        }
      }
    }
    return new Layout(root, List.copyOf(columns), keys == 1 ? alias : -1, List.copyOf(hasDefault));
  }

  private static final byte INTERIOR_TABLE = 0x05;
  private static final byte LEAF_TABLE = 0x0D;
  /** SQLite's own limit on a b-tree's depth (BTCURSOR_MAX_DEPTH); deeper means a corrupt file. */
  private static final int MAX_DEPTH = 20;

  private final Path file;
  private final FileChannel channel;
  private final int pageSize;
  private final int usable;
  private final long pages;
  private final byte[] page;
  private byte[] overflow = new byte[0];
  /** Where the next varint is read. */
  private final int[] pos = new int[1];

  public TablePages(Path file) throws IOException {
    this.file = file;
    this.channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      byte[] header = new byte[100];
      readFully(header, 0);
      int size = u16(header, 16);
      pageSize = size == 1 ? 65_536 : size;
      usable = pageSize - (header[20] & 0xFF);
      pages = channel.size() / pageSize;
      page = new byte[pageSize];
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** Whether page {@code pgno} is a page of a rowid table's b-tree (interior or leaf). */
  public boolean isTablePage(int pgno) throws IOException {
    readPage(pgno, page);
    byte type = page[pgno == 1 ? 100 : 0];
    return type == INTERIOR_TABLE || type == LEAF_TABLE;
  }

  /**
   * Splits the b-tree rooted at {@code root} into at most {@code parts} groups of consecutive
   * subtrees, left to right, about equal in number of subtrees. The subtrees are those of the
   * highest level of the tree with at least eight per part (or the leaves, or the root alone when
   * it is a leaf): as every leaf of a b-tree is at the same depth, subtrees of one level hold about
   * as many rows each. Scanning the groups one after the other ({@link #scan(int[], RowVisitor)})
   * visits the rows in the order {@link #scan(int, RowVisitor)} does, so each group can be scanned
   * on a thread of its own (with a {@code TablePages} of its own).
   */
  public int[][] split(int root, int parts) throws IOException {
    IntArrayList level = IntArrayList.of(root);
    int[] children = new int[pageSize / 4];
    for (int depth = 0; level.size() < 8L * parts; depth++) {
      if (depth == MAX_DEPTH) {
        throw new IOException(file + ": the b-tree rooted at page " + root + " is deeper than SQLite allows");
      }
      IntArrayList next = new IntArrayList();
      for (int i = 0; i < level.size(); i++) {
        int pgno = level.getInt(i);
        readPage(pgno, page);
        int hdr = pgno == 1 ? 100 : 0;
        if (page[hdr] != INTERIOR_TABLE) {
          return groups(level.toIntArray(), parts);
        }
        next.addElements(next.size(), children, 0, children(pgno, hdr, children));
      }
      level = next;
    }
    return groups(level.toIntArray(), parts);
  }

  private static int[][] groups(int[] subtrees, int parts) {
    int n = Math.max(1, Math.min(parts, subtrees.length));
    int[][] out = new int[n][];
    for (int g = 0; g < n; g++) {
      out[g] = Arrays.copyOfRange(subtrees, (int) ((long) g * subtrees.length / n),
          (int) ((long) (g + 1) * subtrees.length / n));
    }
    return out;
  }

  /** Visits every row of the subtrees rooted at {@code roots}, one subtree after the other. */
  public void scan(int[] roots, RowVisitor visitor) throws IOException {
    for (int root : roots) {
      scan(root, visitor);
    }
  }

  /**
   * Visits every row of the table whose b-tree is rooted at {@code root}, in rowid order.
   *
   * @throws IOException naming the file and page where the tree is not a b-tree: a page of another
   *     kind, a page outside the file, or a loop (more pages visited than the file holds)
   */
  public void scan(int root, RowVisitor visitor) throws IOException {
    Deque<Integer> todo = new ArrayDeque<>();
    todo.push(root);
    int[] children = new int[pageSize / 4];
    long visited = 0;
    while (!todo.isEmpty()) {
      int pgno = todo.pop();
      if (++visited > pages) {
        throw new IOException(file + ": the b-tree rooted at page " + root
            + " reaches more pages than the file holds (it loops, at page " + pgno + ")");
      }
      readPage(pgno, page);
      int hdr = pgno == 1 ? 100 : 0;
      byte type = page[hdr];
      if (type == INTERIOR_TABLE) {
        // Pushed in reverse onto the stack, so that they are visited left to right.
        for (int i = children(pgno, hdr, children) - 1; i >= 0; i--) {
          todo.push(children[i]);
        }
      } else if (type == LEAF_TABLE) {
        for (int i = 0, cells = u16(page, hdr + 3); i < cells; i++) {
          pos[0] = u16(page, hdr + 8 + 2 * i);
          long payload = Record.varint(page, pos);
          long rowid = Record.varint(page, pos);
          if (payload <= usable - 35) {
            visitor.row(rowid, page, pos[0], (int) payload);
          } else {
            visitor.row(rowid, assemble(pgno, (int) payload), 0, (int) payload);
          }
        }
      } else {
        throw new IOException(file + ": page " + pgno + " is not a table b-tree page (type " + type + ")");
      }
    }
  }

  /**
   * The child pages of the interior table page in {@link #page} (page {@code pgno}, its header at
   * {@code hdr}), left to right: each cell's left child, then the right-most pointer. Returns how
   * many it put in {@code into}.
   *
   * @throws IOException naming the file and page if it claims more cells than a page can hold
   */
  private int children(int pgno, int hdr, int[] into) throws IOException {
    int cells = u16(page, hdr + 3);
    if (cells >= into.length) {
      throw new IOException(file + ": interior page " + pgno + " claims " + cells + " cells, more than a page holds");
    }
    for (int i = 0; i < cells; i++) {
      into[i] = s32(page, u16(page, hdr + 12 + 2 * i));
    }
    into[cells] = s32(page, hdr + 8);
    return cells + 1;
  }

  /** The whole payload of the cell at {@link #pos}: its local part, then its overflow pages. */
  private byte[] assemble(int pgno, int payload) throws IOException {
    int maxLocal = usable - 35;
    int minLocal = (usable - 12) * 32 / 255 - 23;
    int k = minLocal + (payload - minLocal) % (usable - 4);
    int local = k <= maxLocal ? k : minLocal;
    if (overflow.length < payload) {
      overflow = new byte[payload];
    }
    System.arraycopy(page, pos[0], overflow, 0, local);
    int next = s32(page, pos[0] + local);
    int done = local;
    byte[] spill = new byte[pageSize];
    while (done < payload) {
      if (next <= 0 || next > pages) {
        throw new IOException(file + ": overflow page " + next + " of page " + pgno + " is outside the file");
      }
      readPage(next, spill);
      int n = Math.min(payload - done, usable - 4);
      System.arraycopy(spill, 4, overflow, done, n);
      done += n;
      next = s32(spill, 0);
    }
    return overflow;
  }

  private void readPage(int pgno, byte[] into) throws IOException {
    if (pgno < 1 || pgno > pages) {
      throw new IOException(file + ": page " + pgno + " is outside the file (" + pages + " pages)");
    }
    readFully(into, (pgno - 1L) * pageSize);
  }

  private void readFully(byte[] into, long at) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(into);
    while (buf.hasRemaining()) {
      if (channel.read(buf, at + buf.position()) < 0) {
        throw new IOException(file + ": ends inside page at offset " + at);
      }
    }
  }

  private static int u16(byte[] b, int at) {
    return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
  }

  private static int s32(byte[] b, int at) {
    return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
