# Concurrency Lab — русский.
# Десятичный разделитель — запятая (1,92×); числа приходят уже отформатированными.

## Единицы

unit-seconds = { $value } с
unit-milliseconds = { $value } мс
unit-microseconds = { $value } мкс
unit-per-second = { $value }/с
unit-bytes = { $value } Б
unit-kib = { $value } КиБ
unit-mib = { $value } МиБ
unit-gib = { $value } ГиБ

## Столбцы результатов

column-run = запуск
column-run-help = Название запуска. Запуск, остановленный до конца всех повторов, помечен как неполный: его цифры — по завершившимся повторам.
column-runtime = среда
column-runtime-help = Кто выполнял: собственные исполнители лаборатории («lab», с моделью GIL) или настоящий интерпретатор Python.
column-model = модель
column-model-help = Модель выполнения: простой цикл, поток на задачу, пул потоков, пул процессов, цикл событий, work stealing или пул интерпретаторов.
column-workers = исполнители
column-workers-help = Сколько потоков, процессов или потоков цикла событий модель использовала самое большее (поток на задачу — по одному на задачу).
column-gil = GIL
column-gil-help = Для запусков под GIL (модельным или настоящим): интервал переключения — сколько поток, ждущий блокировку, ждёт, прежде чем попросить владельца её отдать.
column-wall = время
column-wall-help = Время от начала запуска до последнего результата, среднее по измеренным повторам (запуск пула и процессов включён).
column-wall-sd = ± σ
column-wall-sd-help = Стандартное отклонение времени по измеренным повторам (только если их два или больше).
column-wall-median = медиана
column-wall-median-help = Медиана времени по измеренным повторам: один медленный повтор сдвигает её меньше, чем среднее.
column-speedup = ускорение
column-speedup-help = Среднее время базового запуска, делённое на время этого: во сколько раз быстрее базового.
column-efficiency = эффективность
column-efficiency-help = Ускорение на одно доступное ядро (ускорение ÷ min(исполнители, логические ядра)). Когда ожидания перекрываются сверх числа ядер, она превысила бы 100 % и ничего не сказала бы о ядрах, поэтому вместо неё показано перекрытие.
column-cpu = время CPU
column-cpu-help = Процессорное время (пользователь + система) собственных потоков запуска и его рабочих процессов — без окна и без эхо-сервера лаборатории.
column-utilisation = загрузка
column-utilisation-help = Время CPU ÷ (время × логические ядра): насколько были заняты ядра машины. Измеренное время CPU, а не записанное время «вычислений»: восемь потоков на двух ядрах все «вычисляют», а работают только два.
column-throughput = пропускная способность
column-throughput-help = Сколько задач завершается в секунду.
column-p50 = задержка p50
column-p50-help = Медианная задержка: от постановки задачи (все задачи ставятся в начале запуска, как при executor.map) до её результата — с очередью, запуском и диспетчеризацией.
column-p95 = задержка p95
column-p95-help = 95-й процентиль задержки от постановки до результата.
column-p99 = задержка p99
column-p99-help = 99-й процентиль задержки от постановки до результата.
column-startup = запуск пула
column-startup-help = Время на подготовку пула, среды выполнения или рабочих процессов (входит во время запуска).
column-interpreter-start = старт интерпретатора
column-interpreter-start-help = Для запусков Python: собственный старт интерпретатора до измеряемого окна (не входит во время).
column-gil-wait = ожидание GIL
column-gil-wait-help = Доля времени задач, проведённая в ожидании GIL. Для настоящего Python: время, когда поток хотел выполняться и не мог (время минус процессорное время потока) — это GIL или ОС, если потоков больше, чем ядер.
column-io-task = задача ввода-вывода
column-io-task-help = Нагрузка convoy: сколько длилась её задача ввода-вывода от начала до конца.
column-repetitions = повторы
column-repetitions-help = Измеренные повторы (разогрев не считается).
column-failed = сбои
column-failed-help = Упавшие задачи по всем повторам; ✔ — все контрольные суммы верны.

run-partial = { $label } (неполный: { $done ->
    [one] { $done } повтор
    [few] { $done } повтора
   *[many] { $done } повторов
  })
efficiency-overlap = ожидания перекрыты { $overlap }
failed-error = ошибка
failed-checksums = неверные суммы
gil-on = вкл.

## Общие слова

yes = да
no = нет
gil-off = выкл.
build-gil = с GIL
build-free-threaded = без GIL (free-threaded)

## Командная строка

cli-about = Запускает одну нагрузку во всех моделях выполнения и показывает, что делала машина
cli-long-about = Concurrency Lab выполняет одну и ту же нагрузку в потоках, пулах потоков, пулах процессов, асинхронных циклах событий, с work stealing, в потоках под моделью GIL Python и в настоящем CPython и измеряет время, процессорное время, ускорение и то, какое ядро когда выполняло какую задачу.

    Без подкоманды открывается окно приложения.
cli-help-lang = Язык сообщений: en или ru (по умолчанию — язык системы)
cli-help-run = Выполнить пресет без окна и напечатать таблицу результатов
cli-help-presets = Список встроенных пресетов
cli-help-calibrate = Измерить, сколько итераций ядра одно ядро процессора делает здесь за миллисекунду
cli-help-calibrate-python = Откалибровать интерпретатор Python: версия (3.12, 3.13t), команда или путь
cli-help-pythons = Список интерпретаторов Python, найденных на этой машине
cli-help-pythons-json = Вывести список в JSON
cli-help-gui = Открыть окно приложения
cli-help-gui-preset = Файл пресета или имя встроенного пресета
cli-help-gui-autorun = Запустить пресет сразу после открытия окна
cli-help-run-preset = Файл пресета (.toml) или имя встроенного пресета (см. `presets`)
cli-help-run-json = Записать результаты в JSON в ФАЙЛ (`-` — стандартный вывод)
cli-help-run-csv = Записать по строке CSV на запуск в ФАЙЛ (`-` — стандартный вывод)
cli-help-run-spans = Добавить в JSON интервал каждой задачи (начало, конец, ядро, состояния)
cli-help-run-trace = Записать в ФАЙЛ трассу (JSON в формате Chrome Trace Event), которая открывается в Perfetto, chrome://tracing и speedscope (`-` — стандартный вывод)
cli-help-run-chart = Нарисовать график в ФАЙЛ (.svg или .png) после запуска; повторите для нескольких графиков
cli-help-run-chart-kind = Что показывает i-й --chart (можно повторять); без него — вид из имени файла (например, cpu.png), иначе последний указанный, иначе speedup
cli-help-run-quiet = Без прогресса и таблицы, только ошибки (и то, что пишет --json -)

cli-error = ошибка: { $message }
cli-warning = предупреждение: { $message }
cli-note = примечание: { $message }
cli-stdout-twice = { $first } - и { $second } - оба писали бы в стандартный вывод; направьте один из них в файл
cli-not-writable = { $flag } { $path }: { $reason }
cli-is-a-folder = это папка, а не файл
cli-cannot-write-in = нельзя записать в { $folder }: { $reason }
cli-runs-failed = { $count ->
    [one] { $count } запуск завершился неудачей
    [few] { $count } запуска завершились неудачей
   *[many] { $count } запусков завершились неудачей
  }
cli-run-failed = запуск «{ $label }» не удался: { $reason }
cli-cancelled = отменено: «{ $name }» остановлен до конца; ничего не осталось работать
cli-output-closed = стандартный вывод закрыт
cli-no-executable = не найден исполняемый файл программы для рабочих процессов: { $reason }
cli-no-runner = не удалось запустить поток исполнителя: { $reason }
cli-runner-stopped = исполнитель неожиданно остановился; результата нет
cli-stopped-at-once = остановлено немедленно (повторное прерывание); временные файлы удалены
cli-no-interrupt-handler = Ctrl+C не сможет аккуратно отменить запуск: { $reason }
cli-progress = запуск { $run }/{ $runs } { $label }, повтор { $repetition }/{ $repetitions }: задач { $done }/{ $tasks }
cli-progress-warmup = запуск { $run }/{ $runs } { $label }, разогрев: задач { $done }/{ $tasks }
cli-chart-kinds-outnumber = { $kinds } --chart-kind на { $charts } --chart; каждый вид относится к --chart в той же позиции
cli-chart-stdout = --chart -: графики пишутся в файлы, а не в стандартный вывод
cli-chart-format = --chart { $path }: неизвестный формат графика; имя файла должно оканчиваться на { $allowed }
cli-report-heading = { $name } — логических ядер: { $cores }, { $cpu }, { $os }
cli-report-cancelled = (отменено: недостигнутых запусков нет в таблице)
cli-presets-hint = Запустите пресет командой `concurrency-lab run ИМЯ`; свой пресет пишется в TOML (см. README).
cli-calibrate-rate = { $rate } итераций ядра в мс на одном ядре процессора (логических ядер: { $cores }, { $cpu })
cli-calibrate-spread = разброс по 5 измерениям: { $low } .. { $high }; cpu_ms = 1.0 в пресете здесь означает { $rate } итераций
cli-calibrate-python-rate = { $rate } итераций ядра в мс на одном ядре процессора в { $name } ({ $path })
cli-calibrate-python-spread = разброс по 3 измерениям: { $low } .. { $high }; собственное ядро лаборатории делает здесь { $lab } в мс, в { $ratio } раз больше
cli-calibrate-python-means = cpu_ms = 1.0 в пресете означает { $rate } итераций в этом интерпретаторе
cli-pythons-none = Интерпретатор Python не найден (проверены { $variable }, PATH, pyenv, uv и запускатель py).
cli-pythons-interpreter = интерпретатор
cli-pythons-version = версия
cli-pythons-build = сборка
cli-pythons-gil-now = GIL сейчас
cli-pythons-start-method = способ запуска
cli-pythons-interpreter-pool = пул интерпретаторов
cli-pythons-path = путь
cli-pythons-unsupported = { $name } (не поддерживается)
cli-pythons-failed = (сбой)
cli-pythons-hint = Используйте его в пресете: runtime = "python" и python = "3.12" (версия, команда или путь);
    по умолчанию берётся первый пригодный. Переменная { $variable } ставит нужный первым.

## Встроенные пресеты

preset-claim-cpu-bound = вычисления: потоки под GIL остаются на ~1×, процессы, rayon и потоки без GIL занимают все ядра
preset-claim-io-bound = ожидание: потоки и asyncio перекрывают все ожидания, с GIL или без; пул из 4 перекрывает по 4
preset-claim-mixed = вычисления, потом ожидание: ожидания перекрываются, вычисления — только без GIL
preset-claim-tiny-tasks = 2000 крошечных задач: сколько стоит на задачу поток, очередь, канал или future
preset-claim-convoy = поток ввода-вывода рядом с вычисляющими потоками под GIL ждёт после каждого пробуждения
preset-claim-network = настоящие запросы через loopback: потоки и цикл событий перекрывают обмены
preset-claim-disk-io = настоящая запись файлов с fsync: GIL отпускается, диск делится
preset-claim-python-vs-lab = настоящий CPython рядом с моделью: потоки, процессы и asyncio вычисляют
preset-claim-python-vs-lab-io = настоящий CPython рядом с моделью: потоки, пул и asyncio ждут
preset-claim-gil-fidelity = модель GIL против настоящего GIL CPython на нагрузке convoy, при 5 мс и 1 мс

## Результаты

results-title = Результаты
results-none-yet = пока нет: результаты появляются по мере завершения запусков
results-none-chosen = эксперимент не выбран: выберите его в «Сравнить»
results-running = этот эксперимент идёт: завершено запусков { $done } из { $runs }
results-one = эксперимент №{ $number }: { $name }
results-several = экспериментов рядом: { $count }
results-copy = Копировать таблицу
results-copy-help = Копирует таблицу как текст с табуляциями, чтобы вставить в электронную таблицу
results-copied = В буфер обмена { $count ->
    [one] скопирована { $count } строка
    [few] скопированы { $count } строки
   *[many] скопировано { $count } строк
  }
results-columns = Столбцы
results-columns-default = Столбцы по умолчанию
results-compare = Сравнить ({ $chosen } из { $total })
results-compare-help = Эксперименты этого сеанса:
results-compare-item = №{ $number } { $name } ({ $time } UTC)
results-compare-item-stopped = №{ $number } { $name } ({ $time } UTC) — остановлен
results-show-in-views = показать на графиках
results-not-comparable = Эти эксперименты выполняли разную работу или шли на разных машинах: сравнивайте ускорения, а не время. Самый быстрый запуск отмечен внутри каждого.
results-fastest = самый быстрый полный запуск этого эксперимента
results-speedup-tip = { $speedup } относительно «{ $baseline }»
results-speedup-none = ускорения нет: запуск или его базовый запуск не измерен
results-group = №{ $number } { $name }

speedup-title = Ускорение относительно базового запуска
speedup-legend-no-gain = ┆ 1× (нет выигрыша)
speedup-legend-ideal = ┆ идеал для вычислений: { $cores }× (ядер: { $cores })
speedup-not-measured = не измерено

## Графики

phase-running = идёт
phase-finished = завершён
phase-cancelled = остановлен до конца
phase-loaded = открыт из файла результатов
cpu-plot-title = CPU по ядрам и в среднем (%)
cpu-plot-help = Тонкие линии — логические ядра. Толстая — все ядра вместе: на 2 ядрах 50 % — это работа одного ядра, 100 % — обоих. Заливка — измеренные повторы каждого запуска.
throughput-plot-title = Пропускная способность (задач/с)
throughput-plot-help = Сколько задач завершается в секунду в последнем повторе каждого запуска (скользящее окно). Одиночный всплеск уходит за верхний край, чтобы остальное было видно.
in-flight-plot-title = Задач в работе одновременно
in-flight-plot-help = Начатые и ещё не завершённые задачи в последнем повторе каждого запуска.
cpu-core = ядро { $core }
cpu-average = все ядра (среднее)
cpu-heat-map-help = { $cores ->
    [one] { $cores } ядро
    [few] { $cores } ядра
   *[many] { $cores } ядер
  } (строки) во времени (столбцы); чем темнее, тем больше загрузка
axis-seconds-since-experiment = с от начала эксперимента
axis-seconds-since-run = с от начала запуска
axis-ms-since-run = мс от начала запуска

## Временная шкала

timeline-title = Временная шкала
timeline-fit = Вписать
timeline-fit-help = Показать всё (двойной щелчок). Ctrl+колесо или горизонтальная прокрутка масштабируют, перетаскивание сдвигает, колесо прокручивает дорожки; щелчок по имени запуска сворачивает его.
timeline-all-runs = все запуски
timeline-empty = Запустите эксперимент (▶ Запустить), чтобы увидеть, какой исполнитель когда выполнял какую задачу.
timeline-waiting = Ждём первых задач…
timeline-no-tasks = Задачи не записаны.
timeline-band = { $fold } { $label } — { $kind ->
    [processes] { $workers ->
        [one] { $workers } процесс
        [few] { $workers } процесса
       *[many] { $workers } процессов
    }
   *[threads] { $workers ->
        [one] { $workers } поток
        [few] { $workers } потока
       *[many] { $workers } потоков
    }
  }, повтор { $repetition }
timeline-band-warmup = { $fold } { $label } — { $kind ->
    [processes] { $workers ->
        [one] { $workers } процесс
        [few] { $workers } процесса
       *[many] { $workers } процессов
    }
   *[threads] { $workers ->
        [one] { $workers } поток
        [few] { $workers } потока
       *[many] { $workers } потоков
    }
  }, разогрев
timeline-band-waiting = { $fold } { $label } — ещё не начат
lane-thread = { $name } · tid { $id }
lane-process = процесс · pid { $id }
trace-lane-row = { $lane } · ряд { $row } (задачи, перекрывающиеся по времени)
trace-task = задача
trace-task-failed = задача завершилась с ошибкой
trace-in-flight = задач в работе
trace-core-load = загрузка ядра { $core }
trace-machine = Загрузка процессора всей машины
state-running = вычисляет
state-running-help = Поток задачи вычисляет (удерживая GIL, если он есть).
state-gil-wait = ждёт GIL
state-gil-wait-help = Запуски лаборатории: ожидание модельного GIL. Настоящий Python: время, когда поток хотел выполняться и не мог (время минус процессорное время потока) — это GIL или ОС, если потоков больше, чем ядер.
state-gil-wait-or-not-running = ждёт GIL / не выполняется
state-io-wait = ждёт ввода-вывода
state-io-wait-help = Ожидание таймера, сокета или диска: ядро в это время свободно для других.
core-unknown = неизвестно
task-title = задача { $task }
task-title-failed = задача { $task } — СБОЙ
task-worker = исполнитель
task-cores = ядро в начале / в конце
task-start-end = начало → конец

## Ошибки пресетов и проверка

preset-error-read = не удалось прочитать пресет { $path }: { $reason }
preset-error-unknown = нет ни файла пресета, ни встроенного пресета с именем `{ $name }` (встроенные: { $known })
preset-error-syntax = { $path }: { $message }
preset-error-invalid = { $path }: { $field } = { $value }: { $allowed }
input-folder = это папка, а не файл
input-fifo = это FIFO (именованный канал), а не обычный файл
input-device = это устройство, а не обычный файл
input-socket = это сокет, а не обычный файл
input-special = это не обычный файл
input-too-large = его размер { $size }, а читается не больше { $limit }
preset-builtin-shadows = `{ $name }` — имя встроенного пресета, но здесь есть и файл или папка с таким именем; используется встроенный (чтобы взять файл, напишите ./{ $name })
preset-field-run = запуск { $number }, { $name }
val-missing = (нет)
val-set = (задано)
val-default = (по умолчанию)
val-version = эта сборка читает пресеты версии { $version }
val-runs-none = добавьте хотя бы одну таблицу [[runs]] с моделью
val-runs-too-many = не больше { $max } запусков в пресете
val-label-taken = у запуска { $other } уже есть такое название; названия должны различаться (задайте `label`)
val-baseline = должно быть названием одного из запусков: { $labels }
val-tasks-both = укажите либо `tasks`, либо `tasks_per_core`, но не оба
val-tasks-missing = обязательно: число задач от 1 до { $max }
val-not-for-kind = не относится к kind = "{ $kind }"; уберите это поле
val-cpu-both = укажите либо `cpu_ms`, либо `cpu_iters`, но не оба
val-cpu-missing = для kind = "{ $kind }" нужно `cpu_ms` (0 < мс <= { $max }) или `cpu_iters`
val-io-missing = для kind = "{ $kind }" нужно `io_ms` (от 0 до { $max } мс)
val-bytes-missing = для kind = "{ $kind }" нужно `bytes` (от 8 до { $max })
val-convoy-tasks = для kind = "convoy" нужно не меньше 2 задач: одна задача ввода-вывода и одна или несколько вычисляющих
val-python-skipped = запуск { $number } ({ $label }) пропущен: на этой машине нет пригодного интерпретатора Python (см. `concurrency-lab pythons`)
val-model-not-python = у model = "{ $model }" нет аналога в Python; с runtime = "python" используйте sequential, threads, thread_pool, process_pool, async_single или interpreter_pool (или runtime = "lab")
val-model-python-only = model = "{ $model }" — это InterpreterPoolExecutor из Python (3.14+): укажите runtime = "python"
val-python-only = действует только при runtime = "python"
val-start-method-python-only = действует только при runtime = "python" (пул процессов лаборатории всегда запускает рабочие процессы заново, как spawn)
val-no-interpreter-pool = нужен Python 3.14+ (concurrent.futures.InterpreterPoolExecutor); в { $name } его нет
val-gil-build = { $name } собран с GIL: без GIL работает только free-threaded сборка (например, python = "3.13t")
val-start-method-process-pool = действует только для model = "process_pool", а не "{ $model }"
val-start-method-offered = { $name } на этой системе поддерживает { $methods }
val-workers-not-for = не относится к model = "{ $model }": { $why ->
    [threads] `threads` запускает по потоку на задачу; для фиксированного числа используйте thread_pool
   *[one] эта модель всегда использует один поток
  }
val-threads = запуск { $number } (model = "threads") создаёт по потоку ОС на задачу; не больше { $max } — для большего числа задач используйте thread_pool
val-gil-models = модель GIL применима только к model = "threads" или "thread_pool", а не "{ $model }"
val-interval-needs-gil = действует только при gil = true
val-timeout-where = действует для model = "process_pool" и для запусков Python: поток нельзя остановить снаружи
val-timeout-range = должно быть от 0,01 до 86400 с
val-connections = запуск { $number } (model = "{ $model }") открыл бы { $count } соединений loopback одновременно; не больше { $max }
val-memory = запуск { $number } (model = "{ $model }") держал бы одновременно буферов: { $held }, { $need } МиБ — больше половины из { $memory } МиБ этой машины
val-text-length = должно быть от 1 до { $max } символов
val-text-control = не должно содержать управляющих символов (табуляций, переводов строк, escape-последовательностей)
val-text-invisible = не должно содержать невидимых символов и символов смены направления (пробелов нулевой ширины, переопределений справа налево)
val-description = не больше { $max } символов, без управляющих, невидимых символов и символов смены направления
val-between = должно быть от { $min } до { $max }
val-between-ms = должно быть от { $min } до { $max } мс
val-ms = должно быть временем в мс: 0 < мс <= { $max }
val-ms-or-zero = должно быть временем в мс: 0 <= мс <= { $max }

## Панель эксперимента

unit-ms-short = мс
experiment-title = Эксперимент
experiment-name = Название
experiment-name-hint = название
experiment-description = Описание
experiment-description-hint = что он показывает
experiment-workload = Нагрузка
experiment-runs = Сравниваемые запуски
experiment-measurement = Измерение
experiment-ready = ✔ Готово: { $runs ->
    [one] { $runs } запуск
    [few] { $runs } запуска
   *[many] { $runs } запусков
  } × { $repetitions ->
    [one] { $repetitions } повтор
    [few] { $repetitions } повтора
   *[many] { $repetitions } повторов
  } по { $tasks ->
    [one] { $tasks } задаче
   *[other] { $tasks } задач
  }
experiment-cannot-run = ⚠ Запуск невозможен: { $message }
workload-kind = Вид
workload-tasks = Задачи
workload-per-core-suffix = { " " }на ядро
workload-per-core = × ядра
workload-per-core-help = Задать число на логическое ядро, чтобы эксперимент значил одно и то же на 2 ядрах и на 64
workload-computation = Вычисления
workload-iterations-suffix = { " " }итераций
workload-cpu-ms-help = Процессорное время на задачу на одном ядре этой машины (с калибровкой; каждый интерпретатор Python калибруется отдельно)
workload-fixed = фиксированно
workload-fixed-help = Фиксированное число итераций вместо калиброванных миллисекунд: одинаковая работа на любой машине и в любой среде
workload-each-wait = Каждое ожидание
workload-waiting = Ожидание
workload-waits = Ожиданий
workload-waits-help = Сколько коротких ожиданий делает задача ввода-вывода
workload-bytes = Байты
measurement-repetitions = Повторы
measurement-repetitions-help = Измеряемые повторы каждого запуска: по ним считаются среднее, медиана, σ, минимум и максимум
measurement-warmup = Разогрев
measurement-warmup-help = Неизмеряемые повторы перед ними
measurement-baseline = Базовый запуск
measurement-baseline-help = Ускорение считается относительно этого запуска (для запуска Python — относительно простого цикла в том же интерпретаторе, если он есть)
run-remove = Удалить этот запуск
run-move-up = Переместить вверх
run-move-down = Переместить вниз
run-duplicate = Дублировать
run-show-code = Показать код на Python
run-show-code-help = Несколько строк обычного Python, которые делают то же, что этот запуск
run-no-python-counterpart = У этой модели нет аналога в Python
run-menu-help = Переместить, дублировать или показать код на Python
run-label = Название
run-workers = Исполнители
run-workers-cores = = ядрам ({ $cores })
run-gil-help = Выполнять под моделью GIL CPython: вычисляет один поток за раз; ожидания его отпускают
run-switch-interval = интервал переключения
run-switch-interval-help = Сколько ждущий поток ждёт, прежде чем попросить владельца отдать GIL (sys.setswitchinterval)
run-copy-label = { $label } (копия)
run-add = + Добавить запуск
run-add-python = В интерпретаторе Python:
runtime-lab = Лаб.
runtime-python = Python
runtime-lab-help = Собственные исполнители лаборатории на Rust, с моделью GIL
runtime-python-help = Ту же работу выполняет настоящий интерпретатор Python, найденный на этой машине
runtime-help = Кто выполняет: модель лаборатории или настоящий интерпретатор Python
run-no-interpreter-pool = в { $name } нет InterpreterPoolExecutor (Python 3.14+)
run-interpreter = Интерпретатор
run-interpreter-none = не найден
run-interpreter-default = по умолчанию: { $name }
run-interpreter-looking = ищем…
run-interpreter-first = по умолчанию (первый найденный)
run-interpreter-tip = сборка { $build }, GIL { $gil }; найден как { $found }
run-interpreter-help = Какой Python выполняет (см. `concurrency-lab pythons`)
run-interpreter-other = Другой… (3.12, python3.13t, путь)
run-python-gil-help = Free-threaded сборка работает с включённым GIL (-X gil=1) или без него (-X gil=0)
run-python-interval-help = sys.setswitchinterval: сколько поток, ждущий GIL, ждёт, прежде чем его попросить
run-start-method = Способ запуска
run-start-method-default = по умолчанию ({ $method })
run-start-method-not-offered = недоступен на этой системе
run-start-method-help = Как multiprocessing запускает рабочие процессы: spawn (новый интерпретатор), fork (копия) или forkserver

model-sequential = Простой цикл в одном потоке: базовый запуск, относительно которого считается ускорение.
model-threads = Поток ОС на каждую задачу, как `threading.Thread` на каждую.
model-thread-pool = Фиксированный набор рабочих потоков берёт задачи из очереди, как `concurrent.futures.ThreadPoolExecutor`.
model-process-pool = Рабочие процессы получают задачи по каналам, как `ProcessPoolExecutor` или `multiprocessing.Pool` со spawn.
model-async-single = Один поток с циклом событий: ожидания перекрываются, вычисления блокируют цикл, как в `asyncio`.
model-async-multi = Асинхронная среда с несколькими рабочими потоками (tokio multi-thread); прямого аналога в Python нет.
model-rayon = Пул с перехватом работы (rayon): свободные потоки забирают задачи из очередей занятых.
model-interpreter-pool = Пул рабочих потоков, у каждого свой интерпретатор, как `concurrent.futures.InterpreterPoolExecutor` (Python 3.14+).
kind-cpu = Чистые вычисления: проверяемое целочисленное ядро, cpu_ms на задачу.
kind-sleep = Чистое ожидание: пауза io_ms на задачу.
kind-file = Дисковый ввод-вывод: записать bytes во временный файл, сбросить на диск, прочитать и сверить.
kind-net = Сетевой ввод-вывод: запрос к эхо-серверу на loopback, который отвечает через io_ms.
kind-mixed = cpu_ms вычислений, затем io_ms ожидания на задачу.
kind-memory = Пропускная способность памяти: записать и прочитать буфер размером bytes.
kind-convoy = Одна задача ввода-вывода делает io_rounds коротких ожиданий по io_ms рядом с вычисляющими задачами: эффект конвоя под GIL.

## Меню, строка состояния, диалоги

menu-file = Файл
menu-export = Экспорт
menu-view = Вид
menu-lessons = Уроки
menu-about = О программе
run-button = ▶ Запустить
run-button-help = Выполнить все запуски эксперимента (Ctrl+R, F5)
run-button-running = Эксперимент уже идёт
run-button-fix = Сначала исправьте настройки эксперимента: ошибка отмечена на левой панели
stop-button = ■ Остановить
stop-button-help = Остановить эксперимент (Esc); уже измеренные запуски сохранятся
preset-unsaved = не сохранён
menu-new-preset = Новый эксперимент
menu-open-preset = Открыть пресет…
menu-save-preset = Сохранить пресет
menu-save-preset-as = Сохранить пресет как…
menu-builtin-presets = Встроенные пресеты
menu-recent = Недавние файлы
menu-recent-none = пока нет
menu-open-results = Открыть результаты…
menu-open-results-help = Загрузить JSON с результатами (записанный `run --json` или экспортированный здесь) в окно
menu-export-json = Результаты в JSON…
menu-export-csv = Результаты в CSV…
menu-export-trace = Трасса для Perfetto…
menu-export-trace-help = Состояния каждой задачи, дорожки каждого исполнителя и загрузка ядер в формате Chrome Trace Event: откройте файл на ui.perfetto.dev, в chrome://tracing или в speedscope
menu-export-chart = График «{ $chart }»
menu-export-nothing = Запустите эксперимент, чтобы экспортировать результаты
chart-name-speedup = Ускорение
chart-name-cpu = CPU по ядрам
chart-name-throughput = Пропускная способность
chart-name-timeline = Временная шкала
chart-name-sweep = Серия
menu-language = Язык
menu-language-system = Как в системе ({ $language })
menu-theme = Тема
menu-theme-system = Как в системе
menu-theme-dark = Тёмная
menu-theme-light = Светлая
menu-timeline-all = Шкала: все запуски друг под другом
menu-cpu-sampling = Замер CPU каждые
menu-cpu-sampling-help = Не чаще, чем позволяет статистика ОС
about-title = О Concurrency Lab
about-version = версия { $version }
about-text = Выполняет одну нагрузку во всех моделях выполнения и показывает, что делала машина.

    Конкурентность — это задачи, которые чередуются; параллелизм — задачи, выполняющиеся в один и тот же момент на разных ядрах. GIL превращает первое во второе только для ожидания, но никогда — для вычислений.
about-machine = Эта машина: логических ядер — { $cores }, { $cpu }, { $os }
new-preset-name = Новый эксперимент
settings-other-version = Сохранённые настройки от другой версии ({ $version }); начинаем с настроек по умолчанию.
settings-unreadable = Сохранённые настройки не читаются ({ $reason }); начинаем с настроек по умолчанию.
status-stopping = Останавливаем…
status-opened-results = Открыты результаты { $path }
status-running = Выполняется «{ $name }»…
status-opened = Открыт { $origin }
status-saved = Сохранено: { $path }
status-exported = Экспортировано: { $path }
status-stopped = «{ $name }»: остановлен; запуски, измеренные до остановки, сохранены
status-finished = «{ $name }»: завершён
status-finished-failures = «{ $name }»: завершён со сбоями — см. результаты
status-runner-failed = Исполнитель не запустился: { $reason }
status-ready = Готово
status-dialog-open = Открыт диалог выбора файла…
status-cores = логических ядер: { $cores }
status-progress = запуск { $run }/{ $runs } «{ $label }», повтор { $repetition }/{ $repetitions } · задач { $done }/{ $tasks } · в работе { $in_flight } · { $elapsed }
status-progress-warmup = запуск { $run }/{ $runs } «{ $label }», разогрев · задач { $done }/{ $tasks } · в работе { $in_flight } · { $elapsed }
error-open-results = Не удалось открыть результаты
error-nothing-to-export = Нечего экспортировать
error-nothing-to-export-why = сначала запустите эксперимент или откройте результаты
error-cannot-run = Эксперимент нельзя запустить
error-no-runner = поток исполнителя недоступен
error-open-preset = Не удалось открыть пресет
error-save-preset = Не удалось сохранить пресет
error-export = Экспорт не удался
error-runner-stopped = Исполнитель остановился
error-runner-stopped-why = Фоновый исполнитель неожиданно завершился; перезапустите приложение, чтобы снова запускать эксперименты. Показанные результаты сохранены.
error-nothing-changed = Ничего не изменено: текущий эксперимент остался прежним.
error-dismiss = Закрыть
export-what-json = результаты в JSON
export-what-csv = результаты в CSV
export-what-trace = трассу (JSON в формате Chrome Trace Event)
export-what-chart = график «{ $chart }» в { $format }
dialog-open-preset = Открыть пресет
dialog-save-preset = Сохранить пресет как
dialog-open-results = Открыть результаты
dialog-export = Экспорт: { $what }
filter-preset = Пресет
filter-results = Результаты
dialog-typed-help = Диалог выбора файла здесь недоступен: введите путь к файлу.
dialog-file-path = Путь к файлу
dialog-save = Сохранить
dialog-open = Открыть
dialog-cancel = Отмена
code-title = Код на Python: { $label }
code-title-plain = Код на Python
code-fix-first = Сначала исправьте эксперимент: { $error }
code-copy = Копировать
code-copy-help = Скопировать программу в буфер обмена
code-how-to-run = Сохраните как файл .py и запустите через python3.
window-failed = Не удалось открыть окно: { $error }
    Запускайте эксперименты без окна: concurrency-lab run cpu-bound
window-no-display = Дисплей не найден (не заданы ни DISPLAY, ни WAYLAND_DISPLAY), поэтому окно не откроется.
    Запускайте эксперименты без окна:
      concurrency-lab presets
      concurrency-lab run cpu-bound --json results.json

## Пояснения (по предложению на запуск; части через «; »)

explain-could-not-run = не удалось выполнить: { $error }
explain-not-measured = не измерено (эксперимент отменили раньше)
explain-baseline = { $mechanism } — базовый запуск (1,00×)
explain-speedup-ideal = { $mechanism } — { $speedup } (в идеале { $ideal }×)
explain-speedup = { $mechanism } — { $speedup }
explain-io-task = задача ввода-вывода заняла { $took } при ожиданиях на { $waits }
explain-convoy = задача ввода-вывода заняла { $took } при ожиданиях на { $waits }, в { $times } раза дольше: после каждого пробуждения она ждала GIL (эффект конвоя)
explain-outside-load = другие программы в это время загружали ~{ $cores } ядра, поэтому цифры могут быть неточны
explain-stopped-early = остановлен раньше: { $repetitions ->
    [one] измерен { $repetitions } повтор
    [few] измерено { $repetitions } повтора
   *[many] измерено { $repetitions } повторов
  }
explain-failed = { $count ->
    [one] { $count } задача УПАЛА
    [few] { $count } задачи УПАЛИ
   *[many] { $count } задач УПАЛИ
  }
explain-wrong-checksums = НЕВЕРНЫЕ КОНТРОЛЬНЫЕ СУММЫ
explain-sequential = задачи одна за другой в одном потоке
explain-gil = { $who ->
    [pool] пул из { $n ->
        [one] { $n } потока
       *[other] { $n } потоков
    }
   *[threads] { $n ->
        [one] { $n } поток
        [few] { $n } потока
       *[many] { $n } потоков
    }
  } под GIL: { $work ->
    [compute] вычисляет один за раз, сколько бы ни было ядер
    [wait] на время ожидания блокировка отпускается, и ожидания перекрываются
   *[mixed] ожидания перекрываются, вычисления идут по очереди
  }
explain-threads-wait = { $n ->
    [one] { $n } поток
    [few] { $n } потока
   *[many] { $n } потоков
  }: каждое ожидание перекрывается с остальными
explain-threads-compute = { $n ->
    [one] { $n } поток
    [few] { $n } потока
   *[many] { $n } потоков
  } без GIL на { $cores ->
    [one] { $cores } ядре
   *[other] { $cores } ядрах
  }: вычисления могут идти параллельно
explain-async-file = { $n ->
    [one] один поток цикла событий
   *[other] потоков среды выполнения: { $n }
  }: файловый ввод-вывод блокирует цикл (в asyncio нет асинхронных файлов)
explain-async-multi-wait = асинхронная среда с потоками ({ $n }): все { $tasks } ожиданий перекрываются
explain-async-single = один поток цикла событий: { $work ->
    [compute] вычисления блокируют цикл, ничего не перекрывается
    [wait] все { $tasks } ожиданий перекрываются
   *[mixed] ожидания перекрываются, вычисления блокируют цикл
  }
explain-pool-wait = { $who ->
    [processes] рабочих процессов: { $n }
    [rayon] пул с перехватом работы из { $n ->
        [one] { $n } потока
       *[other] { $n } потоков
    }
    [runtime] асинхронная среда из { $n ->
        [one] { $n } потока
       *[other] { $n } потоков
    }
    [interpreters] интерпретаторов в одном процессе, у каждого свой GIL: { $n }
   *[pool] пул из { $n ->
        [one] { $n } потока
       *[other] { $n } потоков
    }
  } — перекрывается не больше { $n } ожиданий
explain-pool-compute = { $who ->
    [processes] рабочих процессов: { $n }
    [rayon] пул с перехватом работы из { $n ->
        [one] { $n } потока
       *[other] { $n } потоков
    }
    [runtime] асинхронная среда из { $n ->
        [one] { $n } потока
       *[other] { $n } потоков
    }
    [interpreters] интерпретаторов в одном процессе, у каждого свой GIL: { $n }
   *[pool] пул из { $n ->
        [one] { $n } потока
       *[other] { $n } потоков
    }
  } на { $cores ->
    [one] { $cores } ядре
   *[other] { $cores } ядрах
  }: вычисления могут идти параллельно
explain-after-startup = { $text }, после { $startup } на запуск процессов
slower-startup = медленнее базового: запуск исполнителей занял { $startup } из потерянных { $lost }
slower-gil = медленнее базового: { $share } времени задач ушло на ожидание GIL
slower-thread-per-task = медленнее базового: запуск потока на каждую задачу терял { $lost } на задачу при { $task } работы в каждой
slower-pipe-per-task = медленнее базового: передача каждой задачи через канал теряла { $lost } на задачу при { $task } работы в каждой
slower-per-task = медленнее базового: диспетчеризация теряла { $lost } на задачу при { $task } работы в каждой
slower-busy = медленнее базового, и никакие издержки модели этого не объясняют: машина была занята другими программами
slower-unclear = медленнее базового на { $lost }; измеренные издержки модели этого не объясняют — повторите на свободной машине, чтобы отличить шум от причины

## Экспортируемые графики

unit-s-short = с
chart-cores = { $cores ->
    [one] { $cores } логическое ядро
    [few] { $cores } логических ядра
   *[many] { $cores } логических ядер
  }
chart-cancelled = отменено: неполные результаты
chart-cancelled-before-any = отменено до завершения хотя бы одного запуска
chart-no-runs = в этих результатах нет запусков
chart-subject-speedup = ускорение относительно базового запуска
chart-subject-cpu = загрузка CPU по ядрам
chart-subject-throughput = задач в секунду
chart-subject-timeline = временная шкала задач по исполнителям
chart-cpu-every = замер каждые { $interval }
chart-cpu-heat-legend = цвет — загрузка каждого из ядер ({ $cores }), шкала справа
chart-cpu-runs-legend = измеренные повторы каждого запуска (отмечены и подписаны сверху)
chart-cpu-logical-core = логическое ядро
chart-time-since-experiment = время от начала эксперимента ({ $unit })
chart-time-since-repetition = время от начала повтора ({ $unit })
chart-cpu-no-samples = замеры CPU не записаны
chart-throughput-extra = последний повтор каждого запуска, скользящее окно
chart-throughput-missing = Нет завершённых задач у: { $runs }.
chart-throughput-none = завершённые задачи не записаны
chart-speedup-could-not-run = не выполнен ({ $reason })
chart-speedup-cancelled = отменён до измерения
chart-speedup-baseline-failed = базовый запуск «{ $label }» не удался
chart-speedup-no-baseline = нет базового запуска
chart-speedup-none = нет ускорения
chart-speedup-gil-run = запуск под GIL (модельным или CPython)
chart-speedup-range = разброс по повторам
chart-speedup-missing = Нет ускорения у: { $runs }.
chart-speedup-ideal = идеал (ядер: { $cores })
chart-speedup-no-bar = нет столбца: { $why }
chart-timeline-extra = последний повтор каждого запуска, общая шкала времени
chart-timeline-failed = конец упавшей или отменённой задачи
chart-timeline-no-tasks = задачи не записаны
chart-timeline-axis = время от начала повтора (мс)
chart-tasks = { $count ->
    [one] { $count } задача
    [few] { $count } задачи
   *[many] { $count } задач
  }
chart-failed-tasks = упало: { $count }
chart-more-lanes = { $count ->
    [one] ещё { $count } дорожка не показана
    [few] ещё { $count } дорожки не показаны
   *[many] ещё { $count } дорожек не показано
  }
chart-workers = { $count ->
    [one] { $count } исполнитель
    [few] { $count } исполнителя
   *[many] { $count } исполнителей
  }
chart-cpu-load = загрузка CPU (%)
chart-speedup-baseline = базовый запуск: { $label }
chart-speedup-one = 1× — так же быстро, как базовый
chart-speedup-one-short = 1× базовый
chart-speedup-ideal-legend = идеал: по задаче на логическое ядро одновременно

## Ошибки движка

err-cancelled = отменено
err-python-start = не удалось запустить { $exe }: { $reason }
err-python-silent = { $exe } не запустился за { $seconds } с{ $stderr }
err-python-died = { $exe } остановился до конца ({ $status }){ $stderr }
err-python-write = не удалось записать в { $exe }: { $reason }
err-python-protocol = говорит на протоколе { $theirs }, а лаборатория — на { $ours }
err-python-gibberish = сказал то, чего лаборатория не понимает: { $line }
err-python-stopped-answering = перестал отвечать
err-python-last-words = ; его последние слова: { $words }
exit-signal = убит сигналом { $signal }
exit-code = завершился с кодом { $code }
exit-unknown = завершился
clipped = { $kept }… (всего символов: { $count })
err-not-cpython = { $name } — не CPython; лаборатория работает только с CPython
err-python-too-old = Python { $version } старше { $oldest }, самой старой поддерживаемой версии
err-no-usable-python = нет пригодного интерпретатора (см. `concurrency-lab pythons`)
err-no-command = на PATH нет команды «{ $command }»; { $found }
err-python-folder = { $path } — это папка, а не интерпретатор Python
err-python-missing = { $path } не существует; { $found }
err-not-python = { $path }: это не интерпретатор Python
err-probe-cannot-run = не удаётся запустить: { $reason }
err-probe-silent = не ответил за { $seconds } с
err-probe-not-python = не интерпретатор Python ({ $status })
err-probe-unusable = непригодный интерпретатор Python ({ $status }): { $said }
err-probe-failed = проверка не удалась
err-python-not-found = нет интерпретатора Python, подходящего под { $wanted }; найдены: { $found }
err-calibration-slow = калибровка не завершилась вовремя
standard-output = стандартный вывод
err-thread = не удалось запустить поток { $name }: { $reason }
err-runtime = не удалось запустить { $what }: { $reason }
err-worker = рабочий процесс { $exe }: { $reason }
err-export-write = не удалось записать { $path }: { $reason }
err-export-read = не удалось прочитать { $path }: { $reason }
err-export-parse = { $path } — не результат Concurrency Lab: { $reason }
err-export-format = не удалось записать { $path }: неподдерживаемый формат; имя файла должно оканчиваться на { $allowed }
err-export-draw = не удалось нарисовать { $path }: { $reason }
err-export-encode = не удалось закодировать { $format }: { $reason }
err-export-no-spans = не удалось записать { $path }: в этих результатах нет интервалов задач (они сохранены без --spans или ни одна задача не завершилась); запустите эксперимент заново или откройте результаты, сохранённые с --spans
export-refused-block-device = это блочное устройство (диск); результаты пишутся только в обычные файлы, FIFO и символьные устройства
export-refused-socket = это сокет; результаты пишутся только в обычные файлы, FIFO и символьные устройства
export-refused-link-loop = больше { $max } символических ссылок подряд или ссылки, замкнутые в круг
err-unknown-panic = неизвестная паника
err-task-panicked = задача запаниковала: { $text }
err-no-temp-folder = нет временной папки для файловых задач
err-no-echo-server = нет эхо-сервера для сетевых задач
err-file-create = не удалось создать { $path }: { $reason }
err-file-write = не удалось записать { $path }: { $reason }
err-file-flush = не удалось сбросить на диск { $path }: { $reason }
err-file-open = не удалось открыть { $path }: { $reason }
err-file-read = не удалось прочитать { $path }: { $reason }
err-file-differs = прочитанное из { $path } отличается от записанного
err-file-longer = { $path } длиннее, чем было записано
err-echo = эхо-сервер { $addr }: { $reason }
err-already-running = эксперимент уже идёт; сначала остановите его
err-services = не удалось подготовить службы запуска: { $reason }
notice-worker-replaced = { $label }: рабочий процесс { $died } умер; его заменил процесс { $replacement }
notice-worker-lost = { $label }: рабочий процесс { $died } умер, заменить его не удалось
err-run-thread = не удалось запустить поток запуска: { $reason }
err-executor-panicked = поток исполнителя запаниковал
notice-temp-folder = не удалось удалить временную папку запуска: { $reason }
err-task = задача { $task }: { $message }
err-task-checksum = задача { $task }: неверная контрольная сумма
err-task-unfinished = задача { $task }: не завершилась
err-no-interpreter-resolved = для этого запуска не выбран интерпретатор Python
err-calibrate-python = не удалось откалибровать { $name }: { $reason }
err-python-timeout = ни одна задача не завершилась за { $seconds } с (task_timeout_s); интерпретатор остановлен
err-python-no-measurements = программа лаборатории на Python завершилась без измерений
err-returned-nothing = ничего не вернула
exit-already-gone = уже завершился
exit-status-unknown = состояние неизвестно: { $reason }
err-worker-start = не удалось запустить: { $reason }
err-worker-setup = не удалось передать настройки процессу { $pid }: { $reason }
err-worker-not-started = процесс { $pid } не запустился ({ $exit })
err-worker-died = рабочий процесс { $pid } умер во время задачи ({ $exit })
err-worker-timeout = выполнялась дольше { $seconds } с (task_timeout_s): рабочий процесс { $pid } завершён принудительно и заменён
err-worker-watchdog = нет ответа { $seconds } с — намного дольше, чем занимает её работа (процесс остановлен или завис?): рабочий процесс { $pid } завершён принудительно и заменён; этот предел задаёт task_timeout_s
err-run-no-space = на диске не осталось места, и запуск остановлен на первой неудачной записи (задача { $task }): { $message }
err-no-space-before = не хватает места в { $folder }: нужно { $need } под файлы, записываемые одновременно ({ $files } × { $size }), а свободно только { $free }
err-worker-no-pipes = нет каналов к рабочему процессу
err-worker-mode = concurrency-lab worker: ожидались настройки на стандартном входе; этот режим запускает сама лаборатория
chart-speedup-word-failed = сбой
chart-speedup-word-not-run = не выполнен
chart-speedup-word-none = нет данных
chart-speedup-axis = ускорение (×, больше — быстрее)
chart-speedup-one-core = 1× = идеал (1 ядро)
chart-unknown-kind = неизвестный вид графика «{ $kind }»; допустимы speedup, cpu, throughput, timeline, sweep
chart-font-failed = не удалось загрузить встроенный шрифт
this-experiment = этот эксперимент
val-looking-for-pythons = ещё ищем интерпретаторы Python на этой машине…

## Названия и описания встроенных пресетов

preset-name-cpu-bound = Вычисления: потоки под GIL против процессов
preset-description-cpu-bound = Почему потоки под GIL не ускоряют вычисления — и что ускоряет
preset-name-io-bound = Ввод-вывод: ожидания перекрываются
preset-description-io-bound = Потоки и asyncio ускоряют ожидание, с GIL или без; пул перекрывает столько ожиданий, сколько у него исполнителей
preset-name-mixed = Вычисления вперемешку с вводом-выводом
preset-description-mixed = Сначала вычисления, потом ожидание: что перекрывается, а что по-прежнему идёт по очереди
preset-name-tiny-tasks = Много крошечных задач: цена одной задачи
preset-description-tiny-tasks = 2000 задач по 2–3 мкс вычислений: запуск, очереди и сериализация стоят дороже самой работы
preset-name-convoy = Эффект конвоя: ввод-вывод рядом с вычислениями под GIL
preset-description-convoy = Поток ввода-вывода после каждого пробуждения ждёт GIL до целого интервала переключения
preset-name-network = Сетевые запросы: потоки против asyncio
preset-description-network = Каждая задача отправляет запрос и ждёт ответа; ожидания перекрываются и в потоках, и в цикле событий
preset-name-disk-io = Дисковый ввод-вывод: запись, сброс на диск и чтение
preset-description-disk-io = Настоящая запись файлов с fsync: где потоки помогают, а где упираемся в диск
preset-name-python-vs-lab = CPython рядом с лабораторией: вычисления
preset-description-python-vs-lab = Настоящие потоки, процессы и asyncio CPython рядом с их моделью в лаборатории
preset-name-python-vs-lab-io = CPython рядом с лабораторией: ожидание
preset-description-python-vs-lab-io = Настоящие потоки, пул потоков и asyncio CPython перекрывают ожидания — рядом с лабораторией
preset-name-gil-fidelity = Точность модели GIL: модель против CPython
preset-description-gil-fidelity = Эффект конвоя в CPython и в модели GIL лаборатории, при двух интервалах переключения

## Уроки с прогнозом

lessons-title = Уроки
lessons-step = Шаг { $step } из { $count }
lessons-previous = ← Назад
lessons-next = Дальше →
lessons-question = Ваш прогноз
lessons-choose-first = Выберите ответ: лаборатория измеряет только после того, как вы сделали прогноз.
lessons-run = Запустить шаг
lessons-running = Измеряем…
lessons-verdict = Итог
lessons-your-answer = Ваш прогноз: { $answer }
lessons-right = Ваш прогноз совпадает с тем, что здесь ожидает теория.
lessons-wrong = Теория здесь ожидает другого.
lessons-theory = Теория: { $theory }
lessons-measured = Измерено: { $measured }
lessons-agrees = Измерение согласуется с теорией.
lessons-disagrees = Измерение расходится с теорией.
lessons-look-at = Посмотрите на { $view }
lessons-view-timeline = временную шкалу (она подсвечена)
lessons-view-cpu = график загрузки ядер (он подсвечен)
lessons-view-speedup = столбцы ускорения (они подсвечены)
lessons-view-results = таблицу результатов (она подсвечена)
lessons-python-code = Код на Python, который выполнялся
lessons-python-missing = CPython на этой машине не найден: этот шаг запускает только модели лаборатории.
lessons-done = Пройдено шагов: { $done } из { $count }
lessons-open-help = Урок по шагам: спрогнозируйте, измерьте, сравните
lessons-progress-unsaved = Не удалось сохранить прогресс уроков в { $path }: { $reason }
lessons-close = Закрыть уроки и вернуть ваш собственный эксперимент
lessons-run-again = Запустить ещё раз
cli-help-lessons = Показать уроки и отметить пройденные
cli-help-lesson = Пройти один урок: прочитать, спрогнозировать, измерить, сравнить
cli-help-lesson-number = Номер урока (от 1 до { $count })
cli-help-lesson-answer = Номер вашего прогноза, чтобы не спрашивать в терминале
cli-help-gui-lesson = Открыть окно на этом уроке
cli-lesson-unknown = Урока { $number } нет; уроки пронумерованы от 1 до { $count }.
cli-lesson-choose = Ваш прогноз (1–{ $count }):
cli-lesson-answer-invalid = «{ $answer }» — не один из ответов от 1 до { $count }.
cli-lesson-no-terminal = Передайте прогноз через --answer N: терминала, чтобы спросить, нет.
cli-lesson-done-mark = пройден

lesson-1-title = Конкурентность и параллелизм
lesson-1-text = Конкурентность — это несколько задач в работе одновременно, по очереди; параллелизм — несколько задач, которые выполняются в один и тот же момент на разных ядрах. Четыре задачи вычисляют по 100 мс. Один запуск выполняет их одну за другой, другой — по потоку на задачу под GIL, как в Python, третий — по потоку на задачу без GIL.
lesson-1-question = Какой запуск закончится первым?
lesson-1-answer-sequential = одна задача за другой
lesson-1-answer-gil = потоки под GIL
lesson-1-answer-no-gil = потоки без GIL
lesson-1-answer-same = все примерно одинаково
lesson-1-theory = { $cores ->
    [1] на одном логическом ядре ничего не выполняется в один и тот же момент: все запуски лишь чередуют задачи, поэтому занимают примерно одно и то же время.
    [one] на { $cores } логическом ядре потоки без GIL вычисляют в один и тот же момент; под GIL они лишь сменяют друг друга и работают столько же, сколько задачи одна за другой.
   *[other] на { $cores } логических ядрах потоки без GIL вычисляют в один и тот же момент; под GIL они лишь сменяют друг друга и работают столько же, сколько задачи одна за другой.
}

lesson-2-title = Потоки и GIL на вычислениях
lesson-2-text = В CPython поток выполняет код на Python, только пока держит глобальную блокировку интерпретатора (GIL), а держать её может один поток за раз. Восемь потоков вычисляют по 40 мс. Ядра потокам выдаёт операционная система, а какой из них может ядром воспользоваться, решает GIL.
lesson-2-question = Во сколько примерно раз восемь потоков под GIL посчитают быстрее, чем задачи одна за другой?
lesson-answer-1x = примерно так же (около 1×)
lesson-answer-cores = во столько раз, сколько ядер ({ $cores }×)
lesson-answer-threads = во столько раз, сколько потоков ({ $threads }×)
lesson-2-theory = GIL позволяет вычислять только одному потоку за раз, сколько бы ни было ядер: потоки чередуются, и выходит та же работа, сделанная по очереди.

lesson-3-title = Процессы: параллельно, но не бесплатно
lesson-3-text = У каждого процесса свой интерпретатор и свой GIL, поэтому процессы вычисляют в один и тот же момент на разных ядрах. Но процесс нужно запустить, а задачи и результаты копируются между процессами (через pickle). В пуле процессов выполняется по две задачи на ядро, по 60 мс каждая.
lesson-3-question = Во сколько раз пул процессов на { $cores ->
    [one] { $cores } ядре
   *[other] { $cores } ядрах
} окажется быстрее, чем задачи одна за другой?
lesson-3-answer-none = не быстрее или даже медленнее
lesson-3-answer-less = быстрее, но меньше, чем во столько раз, сколько ядер
lesson-3-answer-ideal = { $cores ->
    [few] примерно в { $cores } раза — по числу ядер
   *[other] примерно в { $cores } раз — по числу ядер
}
lesson-3-theory = { $cores ->
    [1] на одном ядре параллельно выполнять нечего, а запуск процессов только добавляет время.
   *[other] ядра машины вычисляют одновременно, но запуск исполнителей и копирование задач и результатов отнимают время, которого цикл не тратит, поэтому ускорение остаётся ниже { $cores }×.
}

lesson-4-title = Ожидание: потоки и цикл событий
lesson-4-text = Двадцать задач ждут ответа по 50 мс (ответа сети, диска) и почти ничего не вычисляют. Поток, который ждёт, отпускает GIL, а цикл событий, пока одна задача ждёт, переходит к другой. Одна за другой задачи займут 20 × 50 мс = 1 с.
lesson-4-question = Сколько примерно займут двадцать потоков под GIL?
lesson-answer-ms = около { $ms } мс
lesson-4-theory = ожидающий поток не держит GIL, поэтому все двадцать ожиданий перекрываются: запуск займёт примерно одно ожидание, 50 мс, плюс время на запуск потоков.

lesson-5-title = asyncio: один поток, много ожиданий
lesson-5-text = Цикл событий работает в одном потоке: задача выполняется до ближайшего await, затем цикл берёт другую. Десять задач сначала вычисляют по 10 мс, потом ждут по 50 мс. Вычисление здесь — блокирующий вызов: пока одна задача считает, цикл не может выполнять ничего другого.
lesson-5-question = Что перекроет цикл событий?
lesson-5-answer-none = ничего: выйдет столько же, сколько одна за другой (около 600 мс)
lesson-5-answer-waits = ожидания, но не вычисления (около 150 мс)
lesson-5-answer-all = всё (около 60 мс)
lesson-5-theory = ожидания перекрываются, но десять отрезков вычислений идут по очереди в единственном потоке цикла: примерно 10 × 10 мс + 50 мс.

lesson-6-title = Пулы concurrent.futures: сколько исполнителей
lesson-6-text = Пул выполняет задачи на заданном числе исполнителей; лишние задачи ждут в очереди, пока исполнитель не освободится. Шестнадцать задач ждут по 50 мс. Для ожидания исполнители дёшевы, и их нужно примерно столько, сколько ожиданий вы хотите перекрыть; для вычислений исполнители сверх числа ядер только сменяют друг друга.
lesson-6-question = Сколько примерно пул из четырёх потоков потратит на шестнадцать ожиданий?
lesson-6-theory = четыре исполнителя перекрывают по четыре ожидания: шестнадцать ожиданий займут четыре круга по 50 мс. Пулу из шестнадцати хватило бы одного круга.

lesson-7-title = Сколько стоит одна задача
lesson-7-text = Две тысячи задач вычисляют по нескольку микросекунд. Каждая модель добавляет свою цену за задачу: запуск потока, очередь пула, упаковку задачи и результата через pickle для другого процесса.
lesson-7-question = Какой запуск закончится первым?
lesson-7-answer-loop = обычный цикл
lesson-7-answer-threads = по потоку на задачу
lesson-7-answer-pool = пул потоков
lesson-7-answer-processes = пул процессов
lesson-7-theory = когда задача — это несколько микросекунд работы, запустить её, поставить в очередь и скопировать дороже, чем выполнить: обычный цикл ничего из этого не платит.

lesson-8-title = Эффект конвоя
lesson-8-text = Один поток пятьдесят раз ждёт по 2 мс, а между ожиданиями немного работает; рядом вычисляющие потоки, которые не ждут никогда. Под GIL ожидающий поток после каждого пробуждения должен отвоевать GIL у вычисляющего, а тот может держать его целый интервал переключения (по умолчанию 5 мс).
lesson-8-question = Сколько под GIL займут пятьдесят ожиданий по 2 мс, если сами по себе они длятся 100 мс?
lesson-8-answer-same = примерно столько же, 100 мс
lesson-8-answer-twice = до двух раз дольше
lesson-8-answer-several = в несколько раз дольше
lesson-8-theory = после каждого ожидания поток встаёт в очередь за GIL позади вычисляющего потока, каждый раз вплоть до целого интервала переключения: пятьдесят пробуждений стоят в несколько раз больше самих ожиданий.

lesson-9-title = Python сегодня: без GIL и субинтерпретаторы
lesson-9-text = У CPython 3.13 есть сборка без GIL (python3.13t, free-threaded): потоки в ней вычисляют параллельно, как в большинстве языков. В CPython 3.14 появился пул субинтерпретаторов — у каждого свой GIL, и все в одном процессе. Ожидание от этого не меняется; меняются вычисления в потоках. Потоки лаборатории без GIL моделируют сборку без GIL; настоящая запускается рядом, если она есть на этой машине.
lesson-9-question = Во сколько примерно раз быстрее, чем одна задача за другой, посчитают четыре потока в сборке без GIL на { $cores ->
    [one] { $cores } ядре
   *[other] { $cores } ядрах
}?
lesson-9-theory = { $cores ->
    [1] на одном ядре потоки могут лишь сменять друг друга, с GIL или без.
   *[other] без GIL каждый поток вычисляет на своём ядре, до { $cores } одновременно; с GIL снова выходит около 1×.
}

lesson-not-measured = не измерено: запуск не завершился
lesson-why-incomplete = Запуск отменён или завершился ошибкой, поэтому сравнивать с теорией нечего.
lesson-why-one-core = У этой машины одно логическое ядро: ничего не выполняется в один и тот же момент, поэтому параллельные запуски не могут обогнать задачи одна за другой.
lesson-why-busy = Во время запуска другие программы занимали примерно { $cores } ядра: запуски соревновались с ними за машину, а если один запуск замедлился сильнее другого, сдвигаются все соотношения — в любую сторону. Запустите шаг ещё раз, когда машина будет свободна.
lesson-why-unexplained = Результаты не указывают на причину (машина не была занята, ядер несколько); запустите шаг ещё раз и посмотрите, повторится ли это.

lesson-run-sequential = одна за другой
lesson-run-gil-threads = потоки (GIL)
lesson-run-free-threads = потоки (без GIL)
lesson-run-process-pool = пул процессов
lesson-run-event-loop = цикл событий
lesson-run-pool = { $workers ->
    [one] пул из { $workers } потока
   *[other] пул из { $workers } потоков
}
lesson-run-python-loop = CPython: цикл
lesson-run-python-threads = CPython: потоки
lesson-run-python-processes = CPython: пул процессов
lesson-run-python-asyncio = CPython: asyncio
lesson-run-python-pool = { $workers ->
    [one] CPython: пул из { $workers } потока
   *[other] CPython: пул из { $workers } потоков
}
lesson-run-python-free-threaded = CPython без GIL: потоки
lesson-run-python-subinterpreters = CPython: пул субинтерпретаторов
cli-lessons-hint = Пройти урок: concurrency-lab lesson N (или открыть окно на нём: concurrency-lab gui --lesson N)
cli-help-gui-size = Размер окна в точках, например 1280x720 (для проектора или снимка экрана)
cli-bad-size = «{ $size }» — не размер окна: укажите ШИРИНАxВЫСОТА, каждое от 200 до 16384, например 1280x720
val-sweep-values-count = от 1 до { $max } значений
val-sweep-whole = целое число
val-sweep-repeated = каждое значение один раз (это повторяется)
val-sweep-no-run = параметр, который есть хотя бы у одного запуска: { $parameter } нет ни у одного (workers — у пулов, async_multi, rayon; switch_interval_ms — у запусков под GIL; tasks, cpu_ms, io_ms — у всех)
val-sweep-too-many-runs = меньше значений или запусков: перебор дал бы { $runs } запусков, допустимо не больше { $max }
err-serial-part = последовательная часть перед задачами вычислила неверное значение (сбой арифметики или памяти машины)

## Платформы: чего нет в системе, сказано, а не скрыто

core-not-on-macos = в macOS не показывается
menu-copy-table = Копировать результаты таблицей
menu-copy-table-help = Значения через табуляцию — для вставки в электронную таблицу
status-copied-table = Результаты скопированы таблицей (через табуляцию)
monitor-off-wine = Монитор ЦП выключен: программа работает под Wine { $version }, где нет вызовов PDH, нужных для загрузки по ядрам (в настоящей Windows они есть)
settings-kept-in = Concurrency Lab: настройки хранятся в { $path }
settings-nowhere = Concurrency Lab: здесь нет папки для настроек; они не сохранятся
settings-folder-failed = Не удалось создать { $path }: { $reason }; настройки не сохранятся
renderer-failed = Не удалось запустить отрисовку { $renderer }: { $reason }
renderer-glow = OpenGL (glow)
renderer-wgpu = wgpu (DirectX 12, Vulkan, Metal или OpenGL ES)
window-no-renderer = Не удалось открыть окно.
      { $failures }
    Лаборатория рисует через OpenGL 2 или новее, а если его нет — через DirectX 12 (Windows), Vulkan или OpenGL ES (Linux) или Metal (macOS); здесь не запустилось ничего. На виртуальной машине или удалённом рабочем столе включите 3D-ускорение или установите графический драйвер (в Linux llvmpipe из Mesa даёт OpenGL без видеокарты).
    Запускайте эксперименты без окна: concurrency-lab run cpu-bound
log-no-job-object = Нет объекта задания для рабочих процессов ({ $reason }): они могут пережить лабораторию, если её убьют
log-worker-not-in-job = Рабочий процесс { $pid } не в объекте задания: { $reason }
log-timer-refused = Система отказала в разрешении таймера 1 мс (код { $status }): короткие ожидания остаются кратны системному тику
log-open-files-low = Открытых файлов можно не больше { $limit }: большие сетевые пресеты могут не пройти
log-open-files-failed = Не удалось поднять предел открытых файлов: { $reason }

## Законы масштабирования по серии запусков
fit-amdahl = { $label }: по закону Амдала последовательная доля s = { $s } (R² { $r2 }): { $meaning }
fit-with-planned = { $fitted } (в пресете задано s ≈ { $planned })
fit-meaning-gil = под GIL s ≈ 1: параллельно не вычисляется ничего, сколько ни добавляй потоков
fit-meaning-serial = параллельно почти ничего не выполнялось
fit-meaning-parallel = почти всё выполнялось параллельно: с ростом числа ядер ускорение продолжит расти
fit-meaning-limit = при любом числе ядер быстрее, чем на одном исполнителе, не выйдет больше чем в { $limit }
fit-gustafson = { $label }: по закону Густафсона последовательная часть ({ $serial }) занимает { $first_share } запуска при { $first_tasks } задачах и { $last_share } при { $last_tasks }, поэтому масштабированное ускорение растёт с { $first_speedup } до { $last_speedup }, приближаясь к { $workers }×
chart-subject-sweep = ускорение в зависимости от параметра серии
chart-sweep-extra = измеренные точки соединены; пунктир — подобранный закон масштабирования
chart-sweep-none = этот эксперимент — не серия (серия — пресет с таблицей [sweep])
chart-sweep-flat = { $label } (запускается один раз: параметр к нему не относится)
chart-sweep-fitted = { $label } (Амдал: s = { $s })
chart-sweep-ideal = идеал: линейно до числа логических ядер
sweep-axis-workers = исполнители
sweep-axis-tasks = задачи
sweep-axis-switch-interval = интервал переключения GIL (мс)
sweep-axis-cpu-ms = вычисления на задачу (мс)
sweep-axis-io-ms = ожидание на задачу (мс)
sweep-axis-io-task = время задачи ввода-вывода (мс, меньше — лучше)
preset-name-amdahl = Закон Амдала: серия по числу исполнителей с последовательной частью
preset-description-amdahl = Одна и та же работа на 1, 2, 4 и 8 исполнителях; подобранная последовательная доля против заданной 0,2
preset-claim-amdahl = последовательная часть ограничивает ускорение при любом числе исполнителей: 1/s
preset-name-convoy-sweep = Конвой и интервал переключения
preset-description-convoy-sweep = Время задачи ввода-вывода при интервалах переключения GIL от 0,5 до 10 мс и без GIL
preset-claim-convoy-sweep = чем короче интервал переключения, тем меньше конвой — ценой большего числа переключений

## Прогноз и измерение
gap-ideal = идеал { $speedup }
gap-part = { $part } { $change }
gap-measured = измерено { $speedup }
gap-part-gil = GIL
gap-part-serial = последовательная часть
gap-part-startup = запуск
gap-part-per-task = накладные расходы на задачу
gap-part-other-load = чужая нагрузка
gap-part-unexplained = необъяснённое
gap-finding = модель предсказала { $predicted }, а измерено { $measured } — больше, чем разброс: это находка, а не ошибка — здесь сказалось то, чего модель не учитывает (память, кэши, планировщик)
gap-predicted = прогноз { $predicted }
explain-wide-spread = разброс времени { $spread } от среднего за { $repetitions } повторений: повторите или разгрузите машину
explain-outliers = { $count ->
    [one] повторение { $which } — выброс (модифицированная z-оценка больше 3,5)
    [few] повторения { $which } — выбросы (модифицированная z-оценка больше 3,5)
   *[other] повторения { $which } — выбросы (модифицированная z-оценка больше 3,5)
}
cli-relative-heading = Относительная скорость (средние времена, ± распространённая стандартная неопределённость):
cli-relative = { $fast } быстрее, чем { $slow }, в { $ratio } ± { $uncertainty } раза
cli-relative-same = { $fast } и { $slow } в пределах шума одинаково быстры ({ $ratio } ± { $uncertainty }×)
cli-compare-heading = Сравнение с { $file } ({ $name }, { $machine }):
cli-compare-faster = { $label }: { $old } → { $new }, быстрее в { $ratio } ± { $uncertainty } раза — больше шума
cli-compare-slower = { $label }: { $old } → { $new }, медленнее в { $ratio } ± { $uncertainty } раза — больше шума
cli-compare-same = { $label }: { $old } → { $new }, то же в пределах шума
cli-compare-unmatched = есть только в одном из двух: { $labels }
cli-help-run-compare = Сравнить каждый запуск с запуском той же метки в сохранённом результате (JSON из --json)

## GIL по потокам
gil-convoy-headline = Конвой: в «{ $label }» задача ввода-вывода заняла { $took } при { $waits } ожиданий — в { $times } раза дольше
gil-view-title = GIL по потокам (последнее повторение)
gil-view-hold = держит GIL (вычисляет)
gil-view-wait = ждёт GIL
gil-view-outside = вне GIL (блокирующее ожидание его отпускает)
gil-view-tip = держит { $hold } ({ $held }) · ждёт { $wait } ({ $waiting }) · вне GIL { $outside }
gil-view-counts = переключений: { $switches } · принудительных отдач: { $drops }
gil-view-more = { $count ->
    [one] и ещё { $count } поток
    [few] и ещё { $count } потока
   *[many] и ещё { $count } потоков
}
menu-history = История…
history-title = История
history-off = В этом окне история не ведётся (настройки не сохраняются).
history-filter = Фильтр (дата, пресет, машина):
history-where = { $count ->
    [one] { $count } результат в { $folder }
    [few] { $count } результата в { $folder }
   *[many] { $count } результатов в { $folder }
}
history-empty = Пока ничего не сохранено: сюда попадает каждый завершённый эксперимент.
history-runs = { $count ->
    [one] { $count } запуск
    [few] { $count } запуска
   *[many] { $count } запусков
}
history-open = Открыть
status-history-not-saved = результат не удалось сохранить в историю: { $reason }
sweep-title-io-task = время задачи ввода-вывода в зависимости от параметра серии
err-threads-panicked = { $count ->
    [one] { $count } рабочий поток аварийно завершился вне своих задач (ошибка самой лаборатории, а не работы)
    [few] { $count } рабочих потока аварийно завершились вне своих задач (ошибка самой лаборатории, а не работы)
   *[other] { $count } рабочих потоков аварийно завершились вне своих задач (ошибка самой лаборатории, а не работы)
}
