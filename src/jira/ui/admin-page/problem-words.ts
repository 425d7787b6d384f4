/**
 * The settings' problems in the page's language. The validators speak English (the CLI, logs and
 * the Redmine worker read the same messages); the admin page renders them for its reader, here at the
 * edge: each rule matches one message of the catalog and mapping schemas and says it in Russian.
 * A message no rule knows is shown as it came, so nothing is ever hidden.
 */
export type PageLanguage = 'ru' | 'en';

type Rule = readonly [RegExp, (...groups: string[]) => string];

const KIND_RU: Readonly<Record<string, string>> = {
  calendar: 'календарь',
  tariff: 'тариф',
  'escalation policy': 'политика эскалации',
  'request type': 'тип обращения',
};

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
    (keys) => `неизвестные поля ${keys}: удалите их или проверьте написание`,
  ],
  [
    /^unknown (calendar|tariff|escalation policy|request type) "(.*)": define it under "(.+)" or use one of (.+)$/,
    (kind, name, section, names) =>
      `неизвестный ${KIND_RU[kind] ?? kind} «${name}»: опишите его в разделе «${section}» или выберите из: ${names.replace('(none defined)', '(пока нет ни одного)')}`,
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
  [/^Too small: expected array to have >=(\d+) items?$/, (count) => `нужно хотя бы ${count}`],
  [/^Too small: expected string to have >=1 characters?$/, () => 'не заполнено'],
  [/^Too small: expected number to be >0$/, () => 'ожидается число больше 0'],
  [/^Too small: expected number to be >=0$/, () => 'ожидается число не меньше 0'],
  [/^Invalid option: expected one of (.+)$/, (names) => `выберите одно из: ${names}`],
  [/^Invalid input: expected int, received number$/, () => 'ожидается целое число'],
];

/**
 * A problem's message in the page's language.
 *
 * @example
 * localizeProblem('expected minutes > 0', 'ru'); // 'ожидается число минут больше 0'
 */
export function localizeProblem(message: string, language: PageLanguage): string {
  if (language === 'en') return message;
  for (const [pattern, say] of RU_RULES) {
    const match = pattern.exec(message);
    if (match) return say(...match.slice(1));
  }
  return message;
}
