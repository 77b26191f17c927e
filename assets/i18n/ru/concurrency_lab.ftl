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
cli-help-run-chart = Нарисовать график в ФАЙЛ (.svg или .png) после запуска; повторите для нескольких графиков
cli-help-run-chart-kind = Что показывает i-й --chart (можно повторять); без него — вид из имени файла (например, cpu.png), иначе последний указанный, иначе speedup
cli-help-run-quiet = Без прогресса и таблицы, только ошибки (и то, что пишет --json -)

cli-error = ошибка: { $message }
cli-warning = предупреждение: { $message }
cli-note = примечание: { $message }
cli-stdout-twice = --json - и --csv - оба писали бы в стандартный вывод; направьте один из них в файл
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
cpu-plot-title = Загрузка CPU по ядрам и в среднем (%)
cpu-plot-help = Тонкие линии — логические ядра. Толстая — все ядра вместе: на 2 ядрах 50 % — это работа одного ядра, 100 % — обоих. Заливка — измеренные повторы каждого запуска.
throughput-plot-title = Пропускная способность (задач в секунду)
throughput-plot-help = Сколько задач завершается в секунду в последнем повторе каждого запуска (скользящее окно). Одиночный всплеск уходит за верхний край, чтобы остальное было видно.
in-flight-plot-title = Конкурентность (задач в работе)
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
