/**
 * The settings' problems in the page's language. The validators speak English (the CLI, logs and
 * the Redmine worker read the same messages); the admin page renders them for its reader, here at the
 * edge: each rule matches one message of the catalog and mapping schemas and says it in Russian.
 * A message no rule knows is said by its `code` (every code the page can meet has its Russian words),
 * with the message as it came after it, so nothing is ever hidden.
 */
import type { z } from 'zod';

export type PageLanguage = 'ru' | 'en';

type Rule = readonly [RegExp, (...groups: string[]) => string];

/** What a problem says of itself: its code and its English message. */
export interface ProblemText {
  readonly code: string;
  readonly message: string;
}

/** An unknown entry named by the catalog, with the words agreeing with it ("unknown policy"). */
const KIND_RU: Readonly<Record<string, { readonly unknown: string; readonly it: string }>> = {
  calendar: { unknown: 'неизвестный календарь', it: 'его' },
  tariff: { unknown: 'неизвестный тариф', it: 'его' },
  'escalation policy': { unknown: 'неизвестная политика эскалации', it: 'её' },
  'request type': { unknown: 'неизвестный тип обращения', it: 'его' },
  'notification channel': { unknown: 'неизвестный канал уведомлений', it: 'его' },
};

type ZodCode = z.core.$ZodIssue['code'];

/** zod's issue codes (the structural problems of every schema); the type keeps the list whole. */
const ZOD_CODE_RU: Readonly<Record<ZodCode, string>> = {
  invalid_type: 'значение не того вида',
  too_big: 'слишком большое значение',
  too_small: 'слишком маленькое или пустое значение',
  invalid_format: 'неверный формат значения',
  not_multiple_of: 'значение не кратно требуемому',
  unrecognized_keys: 'неизвестные поля',
  invalid_union: 'значение не подходит ни под один из допустимых видов',
  invalid_key: 'недопустимое имя',
  invalid_element: 'недопустимый элемент',
  invalid_value: 'недопустимое значение',
  custom: 'недопустимое значение',
};

/**
 * Every problem code the admin page can show, in Russian: zod's, the settings readers' (YAML, holiday
 * files, names), the cross-checks of the catalog and the mapping, and the page's own resolver errors.
 */
export const PROBLEM_CODE_RU: Readonly<Record<string, string>> = {
  ...ZOD_CODE_RU,
  yaml_syntax: 'синтаксическая ошибка YAML',
  yaml_too_large: 'текст слишком велик',
  yaml_alias_limit: 'ссылки (алиасы) YAML разворачиваются в слишком большой документ',
  json_syntax: 'синтаксическая ошибка JSON',
  duplicate_json_key: 'ключ повторяется в одном объекте',
  reserved_name: 'это имя зарезервировано: переименуйте',
  file_unreadable: 'не удалось прочитать файл праздников',
  ical_invalid_event: 'событие файла праздников не читается',
  ical_unreadable: 'файл праздников не читается как iCalendar',
  ical_no_calendar: 'это не файл iCalendar',
  ical_missing_start: 'у события нет даты начала',
  ical_not_all_day: 'событие не на целый день',
  ical_invalid_date: 'неверная дата события',
  ical_invalid_range: 'неверная длительность события',
  ical_recurrence_needs_years: 'для повторяющегося события нужны годы импорта',
  ical_unsupported_recurrence: 'повторение события не поддерживается',
  ical_recurrence_too_long: 'слишком много повторений события',
  unknown_contract: 'неизвестный договор',
  unknown_priority: 'неизвестный приоритет',
  unknown_request_type: 'неизвестный тип обращения',
  unknown_line: 'неизвестная линия поддержки',
  duplicate_priority: 'приоритет указан дважды',
  overlapping_ranges: 'интервалы рабочего времени пересекаются',
  time_zone_guessed: 'часовой пояс не указан и выбран по умолчанию',
  forbidden: 'менять настройки Tariff SLA могут только администраторы Jira',
  consent_required: 'разрешите Tariff SLA действовать от вашего имени (Jira спросит об этом на странице) и повторите',
  jira_unavailable: 'Jira не ответила; повторите через минуту',
  bad_request: 'неверный запрос страницы',
  invoke_failed: 'не удалось обратиться к приложению',
  bad_answer: 'приложение ответило неожиданно',
};

/** Words for a code no table names: still Russian. */
const ANY_CODE_RU = 'ошибка';

const TYPE_RU: Readonly<Record<string, string>> = {
  string: 'текст',
  number: 'число',
  array: 'список',
  object: 'объект',
  boolean: 'да/нет',
  undefined: 'ничего',
};

const RU_RULES: readonly Rule[] = [
  [
    /^expected a custom field id such as "(customfield_\d+)", got "(.*)"$/,
    (field, got) => `ожидается id настраиваемого поля, например «${field}», а указано «${got}»`,
  ],
  [
    /^expected a Jira project key such as "(.+)"$/,
    (key) => `ожидается ключ проекта Jira заглавными латинскими буквами, например «${key}»`,
  ],
  [/^expected minutes > 0 or "estimate"$/, () => 'ожидается число минут больше 0 или «estimate»'],
  [/^expected minutes > 0$/, () => 'ожидается число минут больше 0'],
  [/^expected whole minutes > 0$/, () => 'ожидается целое число минут больше 0'],
  [/^expected at most (\d+) minutes \(366 days\)$/, (max) => `ожидается не больше ${max} минут (366 дней)`],
  [/^expected hours > 0$/, () => 'ожидается число часов больше 0'],
  [/^expected a number of hours$/, () => 'ожидается число часов'],
  [/^expected at most (\d+) hours$/, (max) => `ожидается не больше ${max} часов`],
  [/^expected an amount of money$/, () => 'ожидается сумма'],
  [/^expected an amount >= 0$/, () => 'ожидается сумма не меньше 0'],
  [/^expected an amount of at most (\d+)$/, (max) => `ожидается сумма не больше ${max}`],
  [
    /^expected at most two decimals/,
    () => 'ожидается не больше двух знаков после запятой (целые копейки), например 2500.55',
  ],
  [/^expected a percent <= (\d+)$/, (max) => `ожидается процент не больше ${max}`],
  [/^expected a percent > 0$/, () => 'ожидается процент больше 0'],
  [/^expected a calendar date "YYYY-MM-DD"$/, () => 'ожидается дата «ГГГГ-ММ-ДД»'],
  [/^expected a year from (\d+) to (\d+)$/, (from, to) => `ожидается год от ${from} до ${to}`],
  [/^expected a local time "HH:MM" such as "(.+)"$/, (time) => `ожидается местное время «ЧЧ:ММ», например «${time}»`],
  [
    /^expected a time range "HH:MM-HH:MM"/,
    () =>
      'ожидается интервал «ЧЧ:ММ-ЧЧ:ММ», например «09:00-18:00» (целые сутки — «00:00-24:00»; конец раньше начала — интервал через полночь)',
  ],
  [/^expected an IANA time zone such as "(.+)"$/, (zone) => `ожидается часовой пояс IANA, например «${zone}»`],
  [
    /^expected an ISO instant with offset, e\.g\. "(.+)"$/,
    (at) => `ожидается момент ISO со смещением, например «${at}»`,
  ],
  [/^expected a contract id from the catalog$/, () => 'укажите договор из каталога'],
  [/^expected the name of a project role, e\.g\. "(.+)"$/, (role) => `укажите роль проекта, например «${role}»`],
  [/^expected a custom field id such as "(.+)"$/, (field) => `ожидается id настраиваемого поля, например «${field}»`],
  [/^expected version: 1$/, () => 'ожидается version: 1'],
  [/^missing: expected (\w+)$/, (type) => `не заполнено: ожидается ${TYPE_RU[type] ?? type}`],
  [
    /^Invalid input: expected (\w+), received (\w+)$/,
    (want, got) => `ожидается ${TYPE_RU[want] ?? want}, а указано ${TYPE_RU[got] ?? got}`,
  ],
  [
    /^unknown keys? (.+): remove (?:it|them) or check the spelling$/,
    (keys) =>
      `неизвестные поля ${keys.replace(/(one|\d+) not shown \(no field name: it may be a secret\)/, (_all, count: string) => `${count === 'one' ? 'одно' : count} не показано (не имя поля: возможно, секрет)`)}: удалите их или проверьте написание`,
  ],
  [
    /^unknown (calendar|tariff|escalation policy|request type|notification channel) "(.*)": define it under "(.+)" or use one of (.+)$/,
    (kind, name, section, names) =>
      `${KIND_RU[kind]?.unknown ?? kind} «${name}»: опишите ${KIND_RU[kind]?.it ?? 'его'} в разделе «${section}» или выберите из: ${names.replace('(none defined)', '(пока нет ни одного)')}`,
  ],
  [
    /^unknown priority "(.*)": add it to "priorities" or use one of (.+)$/,
    (name, names) => `неизвестный приоритет «${name}»: добавьте его в «priorities» или выберите из: ${names}`,
  ],
  [
    /^unknown contract "(.*)": use one of (.+)$/,
    (name, names) =>
      `неизвестный договор «${name}»: выберите из: ${names.replace('(none defined)', '(пока нет ни одного)')}`,
  ],
  [
    /^unknown priority "(.*)": use one of (.+)$/,
    (name, names) => `неизвестный приоритет «${name}»: выберите из: ${names}`,
  ],
  [
    /^unknown request type "(.*)": use one of (.+)$/,
    (name, names) => `неизвестный тип обращения «${name}»: выберите из: ${names}`,
  ],
  [
    /^unknown support line "(.*)": the tariffs of "(.*)" have (.+)$/,
    (line, contract, lines) => `неизвестная линия поддержки «${line}»: у тарифов договора «${contract}» есть ${lines}`,
  ],
  [
    /^unknown recipient "(.*)"/,
    (name) =>
      `неизвестный получатель «${name}»: людей можно назначить только для support_line, support_lead, account_manager (client_contact — автор обращения, client_team — наблюдатели)`,
  ],
  [
    /^name the contract of this project, or add "contractRules"/,
    () => 'укажите договор проекта или добавьте «contractRules», выбирающие договор каждого обращения',
  ],
  [/^a contract needs at least one term/, () => 'у договора должен быть хотя бы один период: тариф и дата начала'],
  [
    /^terms must be in ascending "from" order/,
    () => 'периоды договора должны идти по возрастанию даты «from», без повторов',
  ],
  [/^a level needs at least one action$/, () => 'у уровня должно быть хотя бы одно действие'],
  [/^levels must be listed in ascending order/, () => 'уровни должны идти по возрастанию, без повторов'],
  [
    /^set exactly one of "percentOfTarget" or "minutesBeforeDue"$/,
    () => 'укажите ровно одно: «% от цели» или «минут до срока»',
  ],
  [
    /^list at least one status that means done/,
    () => 'укажите хотя бы один статус «выполнено», например Resolved, Closed',
  ],
  [
    /^status "(.*)" is listed both in "(.*)" and "(.*)"/,
    (status, a, b) => `статус «${status}» указан и в «${a}», и в «${b}»: оставьте в одном`,
  ],
  [
    /^no status mapping:/,
    () => 'нет соответствия статусов: задайте статусы договора или статусы по умолчанию (defaults.statuses)',
  ],
  [
    /^a calendar needs working ranges/,
    () => 'у календаря нет рабочего времени: задайте интервалы недели или «круглосуточно»',
  ],
  [
    /^a calendar is either "alwaysOpen: true" or has "week" ranges/,
    () => 'календарь либо круглосуточный, либо с интервалами недели: уберите одно',
  ],
  [
    /^the week has no working time/,
    () => 'в неделе нет рабочего времени, срок никогда не наступит: задайте интервалы дней или «круглосуточно»',
  ],
  [
    /^a same-day cutoff needs a fixed resolution target/,
    () => 'решение «в тот же день» требует фиксированного срока решения, а не оценки',
  ],
  [
    /^a percent of the monthly fee needs a fee/,
    () => 'процент от абонентской платы требует платы: задайте prices.monthly или фиксированную сумму',
  ],
  [
    /^range "(.*)" overlaps "(.*)"/,
    (a, b) => `интервал «${a}» пересекается с «${b}»: время считается один раз, объедините их`,
  ],
  [/^priority "(.*)" is listed twice/, (name) => `приоритет «${name}» указан дважды`],
  [
    /^two discounts for more than (\d+) months/,
    (months) => `две скидки за предоплату больше ${months} мес.: оставьте одну`,
  ],
  [
    /^(\d+) working minutes is more than calendar "(.*)" has in a hundred years/,
    (minutes, calendar) =>
      `${minutes} рабочих минут — больше, чем в календаре «${calendar}» за сто лет: проверьте единицы (минуты)`,
  ],
  [
    /^cannot read holiday file "(.*)": no file/,
    (file) => `файл праздников «${file}» не загружен: добавьте его в разделе «Файлы праздников»`,
  ],
  [/^cannot read holiday file "(.*)"/, (file) => `не удалось прочитать файл праздников «${file}»`],
  [/^"(.*)" cannot be used as a name: rename it$/, (name) => `«${name}» нельзя использовать как имя: переименуйте`],
  // Money, hours, CSAT, service credits.
  [/^expected a percent$/, () => 'ожидается процент'],
  [/^expected a rating from 1 to 5$/, () => 'ожидается оценка от 1 до 5'],
  [/^expected a whole number >= 1$/, () => 'ожидается целое число не меньше 1'],
  [
    /^a CSAT target needs "satisfiedPercent"/,
    () => 'цели CSAT нужна доля довольных (например 85) или средняя оценка (например 4.5), или обе',
  ],
  [/^expected a percent of the monthly fee$/, () => 'ожидается процент абонентской платы'],
  [/^list at least one rule, e\.g\./, () => 'добавьте хотя бы одно правило, например: часы — решение, сумма — 2000'],
  [/^expected a whole number of breaches$/, () => 'ожидается целое число нарушений'],
  [/^expected breaches >= 0$/, () => 'ожидается число нарушений не меньше 0'],
  [
    /^set exactly one of "amount" \(a fixed sum\) or "percentOfFee"/,
    () => 'укажите ровно одно: фиксированную сумму (amount) или процент платы (percentOfFee)',
  ],
  // Escalation actions, channels, routes and secrets.
  [
    /^expected an action with "kind" one of (.+?)(?: \(field "kind"\))?$/,
    (kinds) => `ожидается действие с видом (kind) из: ${kinds}`,
  ],
  [
    /^expected a channel with "kind" one of (.+?)(?: \(field "kind"\))?$/,
    (kinds) => `ожидается канал с видом (kind) из: ${kinds}`,
  ],
  [
    /^name at least one channel of "notificationChannels"$/,
    () => 'укажите хотя бы один канал из «notificationChannels»',
  ],
  [
    /^expected a secret reference such as/,
    () =>
      'ожидается ссылка на секрет: «env:TELEGRAM_BOT_TOKEN» (переменная окружения или Forge) или «secret:alfa-slack-webhook» (секрет в хранилище Forge); токены и URL вебхуков в каталог не записываются',
  ],
  [
    /^expected a Telegram chat id such as (\S+) or "(.+)"$/,
    (id, channel) => `ожидается id чата Telegram, например ${id}, или «${channel}»`,
  ],
  // Contract rules.
  [/^expected a name or an id \(text\)$/, () => 'ожидается название или id (текст)'],
  [/^expected a non-empty name or id$/, () => 'ожидается непустое название или id'],
  [/^expected at most (\d+) characters$/, (max) => `ожидается не больше ${max} символов`],
  [/^list at least one name$/, () => 'укажите хотя бы одно название'],
  [/^expected a name or a list of names$/, () => 'ожидается название или список названий'],
  [/^expected the id of a contract of the catalog$/, () => 'ожидается код договора из каталога'],
  [/^expected at most (\d+) rules$/, (max) => `ожидается не больше ${max} правил`],
  [
    /^a rule needs one matcher:/,
    () => 'правилу нужно одно условие: проект, организация, поле (со значением) или подпроект',
  ],
  [
    /^a rule matches on one thing only, here (.+): write one rule for each/,
    (given) =>
      `правило проверяет одно условие, а здесь ${given.replace(/ and /g, ' и ')}: напишите по правилу на каждое (побеждает первое подходящее)`,
  ],
  [
    /^a field rule needs "value"/,
    () => 'правилу по полю нужно значение (value) — значение или список значений поля, выбирающих этот договор',
  ],
  [
    /^"value" belongs to a field rule: add "field"$/,
    () => 'значение (value) бывает только у правила по полю: укажите поле (field)',
  ],
  [
    /^expected the id of the Organizations field, e\.g\. "(.+)"$/,
    (field) => `ожидается id поля «Организации», например «${field}»`,
  ],
  [
    /^rule (\d+) matches a JSM organization: name the Organizations field/,
    (rule) => `правило ${rule} проверяет организацию JSM: укажите поле «Организации», например customfield_10002`,
  ],
  [
    /^Jira projects have no subprojects/,
    () => 'у проектов Jira нет подпроектов: проверяйте проект, организацию или настраиваемое поле',
  ],
  // Readers: YAML, JSON, holiday files.
  [
    /^line (\d+), column (\d+): (.+)$/,
    (line, column, detail) => `строка ${line}, столбец ${column}: синтаксическая ошибка YAML (${detail})`,
  ],
  [
    /^the text has (\d+) characters; at most (\d+) are read$/,
    (count, max) => `в тексте ${count} символов, читается не больше ${max}`,
  ],
  [
    /^aliases expand this document to about (.+) nodes, (.+) of them through alias \*(.+) here; at most (.+) are read/,
    (total, here, alias, max) =>
      `ссылки разворачивают документ примерно в ${total} узлов, из них ${here} — через *${alias} здесь; читается не больше ${max}`,
  ],
  [
    /^the document expands to about (.+) nodes; at most (.+) are read$/,
    (total, max) => `документ разворачивается примерно в ${total} узлов; читается не больше ${max}`,
  ],
  [
    /^the aliases of this document expand too much/,
    () => 'ссылки (алиасы) этого документа разворачиваются слишком сильно',
  ],
  [/^key "(.*)" appears twice in one object/, (key) => `ключ «${key}» повторяется в одном объекте: оставьте один`],
  [
    /^cannot read "(.*)": holiday files need a catalog read from a file$/,
    (file) => `не удалось прочитать «${file}»: файлы праздников читаются только из каталога в файле`,
  ],
  [/^not a readable iCalendar file/, () => 'файл не читается как iCalendar'],
  [
    /^not an iCalendar file:/,
    () => 'это не файл iCalendar: он должен начинаться с BEGIN:VCALENDAR и заканчиваться END:VCALENDAR',
  ],
  [/^(event .+|an event without SUMMARY or UID) cannot be read/, (event) => `не читается ${eventRu(event)}`],
  [
    /^(event .+|an event without SUMMARY or UID) has no DTSTART/,
    (event) => `у ${eventRu(event, 'genitive')} нет DTSTART: добавьте DTSTART;VALUE=DATE:ГГГГММДД`,
  ],
  [
    /^(event .+|an event without SUMMARY or UID) starts at a time of day \(([^)]*)\)/,
    (event, at) =>
      `${capital(eventRu(event))} начинается в определённое время (${at}); праздники — только события на целый день`,
  ],
  [
    /^(event .+|an event without SUMMARY or UID) has (DTSTART|DTEND) "(.*)", which is not a calendar date$/,
    (event, name, raw) => `у ${eventRu(event, 'genitive')} ${name} «${raw}» — не календарная дата`,
  ],
  [
    /^(event .+|an event without SUMMARY or UID) ends at a time of day/,
    (event) =>
      `${capital(eventRu(event))} заканчивается в определённое время; укажите DTEND датой (DTEND;VALUE=DATE:ГГГГММДД)`,
  ],
  [
    /^(event .+|an event without SUMMARY or UID) ends before it starts/,
    (event) =>
      `${capital(eventRu(event))} заканчивается раньше начала: DTEND не включается, однодневное событие кончается следующей датой`,
  ],
  [
    /^(event .+|an event without SUMMARY or UID) lasts (\d+) days; check DTEND \(a holiday lasts at most (\d+) days\)$/,
    (event, days, max) =>
      `${capital(eventRu(event))} длится ${days} дн.; проверьте DTEND (праздник — не больше ${max} дн.)`,
  ],
  [
    /^(event .+|an event without SUMMARY or UID) repeats \(RRULE\); pass the years to import/,
    (event) => `${capital(eventRu(event))} повторяется (RRULE): укажите годы импорта`,
  ],
  [
    /^(event .+|an event without SUMMARY or UID) repeats (.+); only yearly recurrences/,
    (event, frequency) =>
      `${capital(eventRu(event))} повторяется ${frequency}; праздниками считаются только ежегодные повторения (FREQ=YEARLY)`,
  ],
  [
    /^(event .+|an event without SUMMARY or UID) has an occurrence moved to a time of day \((.*)\); skipped$/,
    (event, at) => `у ${eventRu(event, 'genitive')} повторение перенесено на определённое время (${at}); пропущено`,
  ],
  [
    /^(event .+|an event without SUMMARY or UID) has more than (\d+) occurrences before (\d+); only the first were read$/,
    (event, count, year) =>
      `у ${eventRu(event, 'genitive')} больше ${count} повторений до ${year} года; прочитаны только первые`,
  ],
  // The admin page's resolver: who may save, Jira's answers, the store's limit.
  [/^only Jira administrators can change Tariff SLA settings$/, () => PROBLEM_CODE_RU.forbidden],
  [
    /^Jira is busy and did not say whether you are a Jira administrator/,
    () => 'Jira занята и не ответила, администратор ли вы (ограничение частоты запросов); повторите через минуту',
  ],
  [/^allow Tariff SLA to act on your behalf/, () => PROBLEM_CODE_RU.consent_required],
  [
    /^Jira did not answer whether you are a Jira administrator/,
    () => 'Jira не ответила, администратор ли вы (ошибка Jira); повторите через минуту',
  ],
  [
    /^Jira could not be reached to check whether you are a Jira administrator/,
    () => 'не удалось связаться с Jira, чтобы проверить, администратор ли вы; повторите через минуту',
  ],
  [
    /^Jira did not list the (projects|users|groups) \((.*)\); type the id instead$/,
    (kind, why) =>
      `Jira не выдала ${{ projects: 'проекты', users: 'людей', groups: 'группы' }[kind] ?? kind} (${why}); введите id вручную`,
  ],
  [
    /^too large to store \((.*)\): Forge keeps at most 240 KiB per value/,
    (keys) =>
      `слишком велико для хранения (${keys}): Forge хранит не больше 240 КиБ на значение в байтах UTF-8; ничего не сохранено`,
  ],
  [/^search with at most (\d+) characters$/, (max) => `для поиска — не больше ${max} символов`],
  [/^unexpected answer from (.+)$/, (name) => `неожиданный ответ от ${name}`],
  // zod's own words for the bounds without a message of their own.
  [/^Too big: expected number to be <=(-?[\d.]+)$/, (max) => `ожидается число не больше ${max}`],
  [/^Too big: expected number to be <(-?[\d.]+)$/, (max) => `ожидается число меньше ${max}`],
  [/^Too big: expected string to have <=(\d+) characters?$/, (max) => `ожидается не больше ${max} символов`],
  [/^Too big: expected array to have <=(\d+) items?$/, (max) => `ожидается не больше ${max} элементов`],
  [/^Too small: expected number to be >=(-?[\d.]+)$/, (min) => `ожидается число не меньше ${min}`],
  [/^Too small: expected number to be >(-?[\d.]+)$/, (min) => `ожидается число больше ${min}`],
  [/^Too small: expected string to have >=([2-9]|\d{2,}) characters$/, (min) => `ожидается не меньше ${min} символов`],
  [
    /^Invalid input: expected (\w+), received (\w+) \(field "(.+)"\)$/,
    (want, got, field) => `ожидается ${TYPE_RU[want] ?? want} с полем «${field}», а указано ${TYPE_RU[got] ?? got}`,
  ],
  [
    /^Invalid input(?: \(field "(.+)"\))?$/,
    (field) => (field ? `недопустимое значение поля «${field}»` : 'недопустимое значение'),
  ],
  [/^Invalid string: must match pattern (.+)$/, (pattern) => `текст не подходит под шаблон ${pattern}`],
  [/^Invalid key in record$/, () => 'недопустимое имя'],
  [/^Invalid element in record$/, () => 'недопустимый элемент'],
  [/^Too small: expected array to have >=(\d+) items?$/, (count) => `нужно хотя бы ${count}`],
  [/^Too small: expected string to have >=1 characters?$/, () => 'не заполнено'],
  [/^Too small: expected number to be >0$/, () => 'ожидается число больше 0'],
  [/^Too small: expected number to be >=0$/, () => 'ожидается число не меньше 0'],
  [/^Invalid option: expected one of (.+)$/, (names) => `выберите одно из: ${names}`],
  [/^Invalid input: expected int, received number$/, () => 'ожидается целое число'],
];

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `event "Новый год"` → `событие «Новый год»` (or its genitive: `события «Новый год»`). */
function eventRu(label: string, form: 'nominative' | 'genitive' = 'nominative'): string {
  const noun = form === 'genitive' ? 'события' : 'событие';
  const named = /^event "(.*)"$/.exec(label);
  if (named) return `${noun} «${named[1]}»`;
  const uid = /^event with UID (.*)$/.exec(label);
  if (uid) return `${noun} с UID ${uid[1]}`;
  return `${noun} без SUMMARY и UID`;
}

/** The Russian of a message a rule knows, or null. */
export function russianMessage(message: string): string | null {
  for (const [pattern, say] of RU_RULES) {
    const match = pattern.exec(message);
    if (match) return say(...match.slice(1));
  }
  return null;
}

/**
 * A problem in the page's language: in Russian, by the rule that knows its message, else by its code
 * with the message as it came after it.
 *
 * @example
 * localizeProblem({ code: 'too_small', message: 'expected minutes > 0' }, 'ru'); // 'ожидается число минут больше 0'
 */
export function localizeProblem(problem: ProblemText, language: PageLanguage): string {
  if (language === 'en') return problem.message;
  const known = russianMessage(problem.message);
  if (known !== null) return known;
  const code = Object.hasOwn(PROBLEM_CODE_RU, problem.code) ? PROBLEM_CODE_RU[problem.code] : ANY_CODE_RU;
  return problem.message === '' ? code : `${code} (${problem.message})`;
}
