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
-- A number is digits with at most one decimal point ('12', '4.50'); values stored as INTEGER or
-- REAL are taken as they are.
--
-- racefeatures: optional runner_market_odds(runner_id, median_decimal)

CREATE TEMP VIEW races AS
SELECT
  r.race_id AS race_id,
  r.course_id AS course_id,
  r.date AS race_date,
  CASE WHEN r.off_dt GLOB '????-??-??[T ][0-2][0-9]:[0-5][0-9]*' THEN substr(r.off_dt, 12, 5)
       ELSE r.off_time END AS off_time,
  CAST(round(CASE WHEN typeof(r.distance_f) IN ('integer', 'real') THEN r.distance_f
                  WHEN trim(r.distance_f) GLOB '[0-9]*' AND trim(r.distance_f) NOT GLOB '*[^0-9.]*'
                       AND trim(r.distance_f) NOT GLOB '*.*.*' THEN CAST(trim(r.distance_f) AS REAL)
             END * 201.168) AS INTEGER) AS distance_m,
  NULLIF(r.going, '') AS going,
  NULLIF(r.surface, '') AS surface,
  NULLIF(r.type, '') AS race_type,
  CASE WHEN typeof(r.race_class) = 'integer' THEN r.race_class
       WHEN lower(trim(r.race_class)) GLOB 'class [0-9]*'
            AND substr(trim(r.race_class), 7) NOT GLOB '*[^0-9]*'
       THEN CAST(substr(trim(r.race_class), 7) AS INTEGER) END AS race_class,
  CASE WHEN typeof(r.prize) IN ('integer', 'real') THEN r.prize
       WHEN replace(replace(replace(replace(trim(r.prize), '£', ''), '€', ''), '$', ''), ',', '')
            GLOB '[0-9]*'
            AND replace(replace(replace(replace(trim(r.prize), '£', ''), '€', ''), '$', ''), ',', '')
            NOT GLOB '*[^0-9.]*'
            AND replace(replace(replace(replace(trim(r.prize), '£', ''), '€', ''), '$', ''), ',', '')
            NOT GLOB '*.*.*'
       THEN CAST(replace(replace(replace(replace(trim(r.prize), '£', ''), '€', ''), '$', ''), ',', '') AS REAL)
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
  CASE WHEN typeof(u.draw) = 'integer' THEN u.draw
       WHEN trim(u.draw) GLOB '[0-9]*' AND trim(u.draw) NOT GLOB '*[^0-9]*'
       THEN CAST(trim(u.draw) AS INTEGER) END AS draw,
  round(CASE WHEN typeof(u.lbs) IN ('integer', 'real') THEN u.lbs
             WHEN trim(u.lbs) GLOB '[0-9]*' AND trim(u.lbs) NOT GLOB '*[^0-9.]*'
                  AND trim(u.lbs) NOT GLOB '*.*.*' THEN CAST(trim(u.lbs) AS REAL)
        END * 0.45359237, 2) AS weight_kg,
  CASE WHEN typeof(u.age) = 'integer' THEN u.age
       WHEN trim(u.age) GLOB '[0-9]*' AND trim(u.age) NOT GLOB '*[^0-9]*'
       THEN CAST(trim(u.age) AS INTEGER) END AS age,
  CASE WHEN typeof(u.ofr) = 'integer' THEN u.ofr
       WHEN trim(u.ofr) GLOB '[0-9]*' AND trim(u.ofr) NOT GLOB '*[^0-9]*'
       THEN CAST(trim(u.ofr) AS INTEGER) END AS official_rating,
  CASE WHEN run.race_id IS NOT NULL THEN
         CASE WHEN typeof(x.sp_dec) IN ('integer', 'real') THEN x.sp_dec
              WHEN trim(x.sp_dec) GLOB '[0-9]*' AND trim(x.sp_dec) NOT GLOB '*[^0-9.]*'
                   AND trim(x.sp_dec) NOT GLOB '*.*.*' THEN CAST(trim(x.sp_dec) AS REAL) END
       ELSE
         CASE WHEN typeof(m.median_decimal) IN ('integer', 'real') THEN m.median_decimal
              WHEN trim(m.median_decimal) GLOB '[0-9]*' AND trim(m.median_decimal) NOT GLOB '*[^0-9.]*'
                   AND trim(m.median_decimal) NOT GLOB '*.*.*'
              THEN CAST(trim(m.median_decimal) AS REAL) END
       END AS sp_decimal,
  CASE WHEN x.race_id IS NOT NULL THEN
         CASE WHEN trim(x.position) GLOB '[0-9]*' AND trim(x.position) NOT GLOB '*[^0-9]*' THEN 'FIN'
              ELSE upper(trim(x.position)) END
       WHEN run.race_id IS NOT NULL THEN 'NR'
       END AS status,
  CASE WHEN x.race_id IS NOT NULL AND trim(x.position) GLOB '[0-9]*'
            AND trim(x.position) NOT GLOB '*[^0-9]*' THEN
         CASE WHEN typeof(x.position_int) = 'integer' THEN x.position_int
              WHEN trim(x.position_int) GLOB '[0-9]*' AND trim(x.position_int) NOT GLOB '*[^0-9]*'
              THEN CAST(trim(x.position_int) AS INTEGER) END
       END AS finish_position,
  CASE WHEN x.race_id IS NOT NULL AND trim(x.position) GLOB '[0-9]*'
            AND trim(x.position) NOT GLOB '*[^0-9]*' THEN
         CASE WHEN typeof(x.ovr_btn) IN ('integer', 'real') THEN x.ovr_btn
              WHEN trim(x.ovr_btn) GLOB '[0-9]*' AND trim(x.ovr_btn) NOT GLOB '*[^0-9.]*'
                   AND trim(x.ovr_btn) NOT GLOB '*.*.*' THEN CAST(trim(x.ovr_btn) AS REAL) END
       END AS beaten_lengths
FROM main.runners AS u
LEFT JOIN main.results AS x ON x.race_id = u.race_id AND x.horse_id = u.horse_id
LEFT JOIN (SELECT DISTINCT race_id FROM main.results) AS run ON run.race_id = u.race_id
LEFT JOIN runner_market_odds AS m ON m.runner_id = u.runner_id
WHERE u.race_id NOT IN (SELECT race_id FROM main.races WHERE race_id IS NOT NULL
                        AND lower(coalesce(is_abandoned, '')) IN ('1', 'true'));
