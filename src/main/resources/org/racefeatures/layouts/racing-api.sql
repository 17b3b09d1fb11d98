-- racing-api.sql: The Racing API's layout (racing_pro.db), read as schema.sql's races and runners.
--
-- racefeatures runs this file on its own read connection. The views are TEMP: they live in that
-- connection's temp schema and vanish with it, hide the database's own races and runners tables
-- for unqualified names, and read those as main.races and main.runners. The database gets no
-- object and no change. Copy this file and adapt it for a layout of your own:
--   racefeatures layout racing-api > my-layout.sql
--   racefeatures generate --db my.db --layout my-layout.sql --test
--
-- Tables read (columns not named here are ignored):
--   races(race_id, course_id, date, off_time, off_dt, distance_f, race_class, type, going,
--         surface, prize, is_abandoned)
--   runners(runner_id, race_id, horse_id, jockey_id, trainer_id, draw, lbs, age, ofr)
--   results(race_id, horse_id, position, position_int, ovr_btn, sp_dec): one row per runner
--         that ran, in races that have been run
--   runner_market_odds(runner_id, median_decimal): optional, the odds of racecard runners
--
-- Mapping:
--   ids (race, course, horse, jockey, trainer) as they are (text such as 'hrs_123'); an empty
--   jockey_id or trainer_id is NULL (unknown).
--   race_date = date; off_time = the HH:MM of off_dt ('2024-05-01T13:30:00+01:00' -> '13:30',
--   local time as written), else off_time (The Racing API writes that on a 12-hour clock,
--   '1:30', which the loader rejects as not a time rather than guess the half of the day).
--   distance_m = distance_f furlongs x 201.168, rounded to the metre.
--   race_class = N of 'Class N'; race_type = type; going, surface, type: empty text is NULL.
--   prize = the number in prize without its currency sign (£, €, $) and thousands separators.
--   Races with is_abandoned = 1 (or 'true') are left out, with their runners.
--   A runner with a results row (same race and horse) ran: status 'FIN' and finish_position =
--   position_int when position is a number, else status = upper-case position ('PU', 'F', 'UR')
--   and no position; beaten_lengths = ovr_btn for finishers ('0' for a winner).
--   A runner without a results row in a race that has results is a non-runner ('NR'); in a race
--   without any results, a racecard runner (status NULL).
--   weight_kg = lbs x 0.45359237, rounded to 10 g; official_rating = ofr; draw = draw; age = age.
--   sp_decimal = results.sp_dec; for racecard runners runner_market_odds.median_decimal.
--
-- Text that should hold a number and does not (ofr '-', draw '', sp_dec '') becomes NULL, in:
--   races.distance_f, race_class, prize; runners.draw, lbs, age, ofr; results.position_int,
--   ovr_btn, sp_dec; runner_market_odds.median_decimal.
-- The test is CAST(v AS REAL) = v (CAST(v AS INTEGER) = v for whole numbers): the comparison reads
-- text that looks like a number as that number (SQLite's numeric affinity) and leaves any other
-- text as text, which never equals a number; NULL stays NULL. Values stored as INTEGER or REAL
-- pass as they are. It costs a tenth of a GLOB pattern test.
--
-- racefeatures: optional runner_market_odds(runner_id, median_decimal)

CREATE TEMP VIEW races AS
SELECT
  r.race_id AS race_id,
  r.course_id AS course_id,
  r.date AS race_date,
  CASE WHEN r.off_dt GLOB '????-??-??[T ][0-2][0-9]:[0-5][0-9]*' THEN substr(r.off_dt, 12, 5)
       ELSE r.off_time END AS off_time,
  CASE WHEN CAST(r.distance_f AS REAL) = r.distance_f
       THEN CAST(round(CAST(r.distance_f AS REAL) * 201.168) AS INTEGER) END AS distance_m,
  NULLIF(r.going, '') AS going,
  NULLIF(r.surface, '') AS surface,
  NULLIF(r.type, '') AS race_type,
  CASE WHEN CAST(r.race_class AS INTEGER) = r.race_class THEN CAST(r.race_class AS INTEGER)
       WHEN lower(r.race_class) GLOB 'class [0-9]*'
            AND CAST(substr(r.race_class, 7) AS INTEGER) = substr(r.race_class, 7)
       THEN CAST(substr(r.race_class, 7) AS INTEGER) END AS race_class,
  CASE WHEN CAST(replace(replace(replace(replace(r.prize, '£', ''), '€', ''), '$', ''), ',', '') AS REAL)
            = replace(replace(replace(replace(r.prize, '£', ''), '€', ''), '$', ''), ',', '')
       THEN CAST(replace(replace(replace(replace(r.prize, '£', ''), '€', ''), '$', ''), ',', '') AS REAL)
       END AS prize
FROM main.races AS r
WHERE lower(coalesce(r.is_abandoned, '')) NOT IN ('1', 'true');

CREATE TEMP VIEW runners AS
SELECT
  u.runner_id AS runner_id,
  u.race_id AS race_id,
  u.horse_id AS horse_id,
  NULLIF(u.jockey_id, '') AS jockey_id,
  NULLIF(u.trainer_id, '') AS trainer_id,
  CASE WHEN CAST(u.draw AS INTEGER) = u.draw THEN CAST(u.draw AS INTEGER) END AS draw,
  CASE WHEN CAST(u.lbs AS REAL) = u.lbs THEN round(CAST(u.lbs AS REAL) * 0.45359237, 2) END AS weight_kg,
  CASE WHEN CAST(u.age AS INTEGER) = u.age THEN CAST(u.age AS INTEGER) END AS age,
  CASE WHEN CAST(u.ofr AS INTEGER) = u.ofr THEN CAST(u.ofr AS INTEGER) END AS official_rating,
  CASE WHEN u.race_id IN (SELECT race_id FROM main.results) THEN
         CASE WHEN CAST(x.sp_dec AS REAL) = x.sp_dec THEN CAST(x.sp_dec AS REAL) END
       WHEN CAST(m.median_decimal AS REAL) = m.median_decimal THEN CAST(m.median_decimal AS REAL)
       END AS sp_decimal,
  CASE WHEN x.race_id IS NOT NULL THEN
         CASE WHEN CAST(x.position AS INTEGER) = x.position THEN 'FIN' ELSE upper(trim(x.position)) END
       WHEN u.race_id IN (SELECT race_id FROM main.results) THEN 'NR'
       END AS status,
  CASE WHEN CAST(x.position AS INTEGER) = x.position AND CAST(x.position_int AS INTEGER) = x.position_int
       THEN CAST(x.position_int AS INTEGER) END AS finish_position,
  CASE WHEN CAST(x.position AS INTEGER) = x.position AND CAST(x.ovr_btn AS REAL) = x.ovr_btn
       THEN CAST(x.ovr_btn AS REAL) END AS beaten_lengths
FROM main.runners AS u
LEFT JOIN main.results AS x ON x.race_id = u.race_id AND x.horse_id = u.horse_id
LEFT JOIN runner_market_odds AS m ON m.runner_id = u.runner_id
WHERE u.race_id NOT IN (SELECT race_id FROM main.races WHERE race_id IS NOT NULL
                        AND lower(coalesce(is_abandoned, '')) IN ('1', 'true'));
