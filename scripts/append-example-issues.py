#!/usr/bin/env python3
"""Appends the September–November 2026 example issues to examples/issues.json.

The issues already in the file are kept byte for byte; the ones defined here (recognised by key)
are replaced, so running the script twice gives the same file. They give the monthly statement
and the tariff advisor something to show for every hour package: monthly burn and overage
(client-d), bank carry-over and overage (client-e), unlimited (client-g), free-plan billing
(client-f), over-limit and off-hours incidents (client-a, client-c), and three months of a
standard-tariff client for the advisor (client-b).

    python3 scripts/append-example-issues.py
"""
import json
import pathlib

PATH = pathlib.Path(__file__).resolve().parent.parent / "examples" / "issues.json"
MSK = "+03:00"
NEW = []


def at(day, time):
    """2026 local Moscow time: at("09-15", "10:30")."""
    return f"2026-{day}T{time}:00{MSK}"


def issue(key, contract, type_, priority, created, summary, events=(), worklogs=(), status="New"):
    NEW.append({
        "key": key, "contract": contract, "type": type_, "priority": priority,
        "createdAt": created, "status": status, "summary": summary,
        "events": list(events), "worklogs": list(worklogs),
    })


def status(when, to, **extra):
    return {"at": when, "kind": "status", "to": to, **extra}


def response(when, by):
    return {"at": when, "kind": "response", "by": by}


def line(when, to):
    return {"at": when, "kind": "line", "to": to}


def work(when, minutes, author, line_=None):
    entry = {"at": when, "minutes": minutes, "author": author}
    if line_:
        entry["line"] = line_
    return entry


def quick(key, contract, day, created, responded, started, resolved, minutes, author, summary,
          priority="normal", type_="incident", statuses=("In Progress", "Resolved"), line_=None):
    """An issue answered, started and resolved the same day, with one worklog at the resolution."""
    issue(key, contract, type_, priority, at(day, created), summary,
          events=[response(at(day, responded), author), status(at(day, started), statuses[0]),
                  status(at(day, resolved), statuses[1])],
          worklogs=[work(at(day, resolved), minutes, author, line_)],
          status="Новая" if statuses[0] == "В работе" else "New")


# client-a, tariff basic (9–18, 5 incidents a day): six incidents on 8 September, the sixth over the limit.
for key, created, responded, started, resolved, minutes, summary in [
    ("ALFA-61", "09:05", "09:30", "09:40", "10:30", 50, "Не запускается 1С у кассира"),
    ("ALFA-62", "09:40", "10:00", "10:15", "11:45", 90, "Сбой печати чеков"),
    ("ALFA-63", "10:20", "10:45", "11:00", "12:10", 70, "Не работает сканер в бухгалтерии"),
    ("ALFA-64", "11:00", "11:30", "12:00", "13:30", 90, "Ошибка входа в почту"),
    ("ALFA-65", "13:15", "13:40", "14:00", "15:00", 60, "Нет доступа к сетевому диску"),
    ("ALFA-66", "15:30", "15:50", "16:00", "17:20", 80, "Шестой инцидент за день: сбой Wi-Fi на складе"),
]:
    quick(key, "client-a", "09-08", created, responded, started, resolved, minutes, "petrov", summary)
issue("ALFA-70", "client-a", "incident", "critical", at("09-21", "10:00"), "Остановилась печать накладных на всех складах",
      events=[response(at("09-21", "10:10"), "petrov"), status(at("09-21", "10:15"), "In Progress"), status(at("09-21", "13:00"), "Resolved")],
      worklogs=[work(at("09-21", "13:00"), 170, "petrov", "L2")])
issue("ALFA-80", "client-a", "incident", "high", at("10-03", "11:00"), "Не работает VPN (суббота)",
      events=[response(at("10-05", "09:30"), "sidorova"), status(at("10-05", "09:40"), "In Progress"), status(at("10-05", "12:00"), "Resolved")],
      worklogs=[work(at("10-05", "12:00"), 140, "sidorova")])
issue("ALFA-81", "client-a", "incident", "normal", at("10-14", "10:00"), "Падает сервер лицензий",
      events=[response(at("10-14", "11:00"), "ivanov"), status(at("10-14", "11:30"), "In Progress"), line(at("10-14", "15:00"), "L2"),
              status(at("10-16", "12:00"), "Resolved")],
      worklogs=[work(at("10-14", "17:00"), 240, "ivanov", "L1"), work(at("10-15", "17:00"), 360, "kozlov", "L2"), work(at("10-16", "12:00"), 120, "kozlov", "L2")])
issue("ALFA-82", "client-a", "incident", "high", at("10-20", "09:30"), "Ошибка обмена с банком",
      events=[response(at("10-20", "10:00"), "petrov"), status(at("10-20", "10:10"), "In Progress"),
              status(at("10-20", "12:00"), "Waiting for customer"), status(at("10-21", "10:00"), "In Progress"), status(at("10-21", "13:00"), "Resolved")],
      worklogs=[work(at("10-20", "12:00"), 100, "petrov"), work(at("10-21", "13:00"), 150, "petrov")])
issue("ALFA-110", "client-a", "incident", "normal", at("11-24", "10:00"), "Не обновляется антивирус",
      events=[response(at("11-24", "10:20"), "sidorova"), status(at("11-24", "10:30"), "In Progress"), status(at("11-24", "12:00"), "Resolved")],
      worklogs=[work(at("11-24", "12:00"), 80, "sidorova", "L1")])
issue("ALFA-111", "client-a", "incident", "high", at("11-26", "09:00"), "Сбой репликации базы",
      events=[response(at("11-26", "09:15"), "sidorova"), status(at("11-26", "09:30"), "In Progress"), line(at("11-26", "11:00"), "L2"),
              status(at("11-26", "15:00"), "Resolved")],
      worklogs=[work(at("11-26", "11:00"), 90, "sidorova", "L1"), work(at("11-26", "15:00"), 240, "kozlov", "L2")])

# client-b, tariff standard (8–20): three months of steady incidents, for the advisor.
B = ("В работе", "Решена")
for key, day, created, responded, started, resolved, minutes, summary in [
    ("BETA-20", "09-02", "08:15", "08:40", "09:00", "11:00", 110, "Не работает терминал сбора данных"),
    ("BETA-21", "09-03", "10:00", "10:25", "10:40", "12:30", 100, "Ошибка выгрузки остатков"),
    ("BETA-22", "09-09", "14:00", "14:20", "14:30", "16:45", 130, "Нет связи с весами"),
    ("BETA-23", "09-15", "08:30", "08:50", "09:10", "10:40", 90, "Зависает принтер этикеток"),
    ("BETA-24", "09-15", "09:20", "09:45", "10:00", "11:30", 80, "Не проходит инвентаризация"),
    ("BETA-25", "09-15", "10:10", "10:30", "10:45", "12:20", 95, "Ошибка в накладной"),
    ("BETA-26", "09-15", "11:30", "11:50", "12:00", "13:40", 90, "Не открывается отчёт по отгрузкам"),
    ("BETA-27", "09-15", "13:00", "13:20", "13:30", "15:10", 100, "Сканер не читает коды"),
    ("BETA-28", "09-15", "15:00", "15:20", "15:30", "17:00", 85, "Ошибка синхронизации ТСД"),
    ("BETA-29", "09-23", "16:00", "16:30", "16:45", "18:40", 115, "Сбой маршрутизации заказов"),
    ("BETA-30", "10-01", "09:00", "09:30", "09:40", "11:50", 120, "Не формируется счёт-фактура"),
    ("BETA-31", "10-07", "11:00", "11:20", "11:30", "13:40", 125, "Ошибка весового контроля"),
    ("BETA-32", "10-12", "08:20", "08:45", "09:00", "10:50", 105, "Не печатаются маршрутные листы"),
    ("BETA-33", "10-15", "13:30", "13:50", "14:00", "16:10", 120, "Сбой связи со складом в Твери"),
    ("BETA-34", "10-21", "10:00", "10:30", "10:45", "12:30", 95, "Ошибка расчёта ячеек хранения"),
    ("BETA-35", "10-27", "15:00", "15:20", "15:30", "17:40", 125, "Не загружаются заявки поставщиков"),
    ("BETA-36", "11-05", "09:30", "09:50", "10:00", "12:10", 120, "Не работает печать на 2-м складе"),
    ("BETA-37", "11-10", "11:00", "11:30", "11:40", "13:30", 100, "Ошибка обмена с 1С"),
    ("BETA-38", "11-17", "14:00", "14:30", "14:40", "16:50", 125, "Сбой обновления справочников"),
]:
    quick(key, "client-b", day, created, responded, started, resolved, minutes, "ivanov", summary, statuses=B, line_="L1")
issue("BETA-39", "client-b", "incident", "high", at("10-29", "10:00"), "Склад не принимает поставки", status="Новая",
      events=[response(at("10-29", "10:20"), "kozlov"), status(at("10-29", "10:30"), "В работе"), line(at("10-29", "12:00"), "L2"),
              status(at("10-29", "15:20"), "Решена")],
      worklogs=[work(at("10-29", "12:00"), 90, "ivanov", "L1"), work(at("10-29", "15:20"), 200, "kozlov", "L2")])

# client-c, tariff extended (24/7): night incidents; one created and worked just after midnight on 1 November.
issue("GAMMA-3", "client-c", "incident", "critical", at("09-12", "03:00"), "Недоступен процессинг карт (ночь субботы)",
      events=[response(at("09-12", "03:10"), "duty"), status(at("09-12", "03:15"), "In Progress"), status(at("09-12", "04:30"), "Resolved")],
      worklogs=[work(at("09-12", "04:30"), 90, "duty", "L2")])
issue("GAMMA-4", "client-c", "incident", "high", at("10-09", "14:00"), "Задержка платёжных поручений",
      events=[response(at("10-09", "14:20"), "duty"), status(at("10-09", "14:30"), "In Progress"), status(at("10-09", "16:30"), "Resolved")],
      worklogs=[work(at("10-09", "16:30"), 150, "duty", "L2")])
issue("GAMMA-5", "client-c", "incident", "normal", at("10-31", "23:40"), "Не проходит ночная сверка",
      events=[response(at("10-31", "23:50"), "duty"), status(at("11-01", "00:05"), "In Progress"), status(at("11-01", "01:10"), "Resolved")],
      worklogs=[work(at("10-31", "23:55"), 15, "duty", "L1"), work(at("11-01", "01:10"), 65, "duty", "L1")])

# client-e, bank of 15 hours from October: November runs past the bank into overage.
issue("EPS-5", "client-e", "incident", "normal", at("11-24", "10:00"), "Подключить новый принтер",
      events=[response(at("11-24", "10:30"), "ivanov"), status(at("11-24", "11:00"), "In Progress"), status(at("11-24", "14:00"), "Resolved")],
      worklogs=[work(at("11-24", "14:00"), 180, "ivanov")])

# client-f, free plan (bugs only): consultations and an enhancement are billed by the hour.
issue("ZETA-0", "client-f", "bug", "normal", at("09-10", "11:00"), "Не отправляется форма обратной связи",
      events=[response(at("09-10", "11:30"), "sidorova"), status(at("09-10", "12:00"), "In Progress"), status(at("09-10", "15:00"), "Resolved")],
      worklogs=[work(at("09-10", "15:00"), 120, "sidorova")])
issue("ZETA-01", "client-f", "consultation", "normal", at("09-17", "10:00"), "Как настроить рассылку благодарностей",
      events=[status(at("09-17", "10:30"), "In Progress"), status(at("09-17", "12:00"), "Resolved")],
      worklogs=[work(at("09-17", "12:00"), 90, "sidorova")])
issue("ZETA-02", "client-f", "enhancement", "low", at("10-06", "10:00"), "Добавить выгрузку отчёта для попечителей",
      events=[status(at("10-06", "11:00"), "In Progress"), status(at("10-08", "16:00"), "Resolved")],
      worklogs=[work(at("10-06", "17:00"), 150, "sidorova"), work(at("10-08", "16:00"), 90, "sidorova")])

# client-g, unlimited hours (prepaid August–October with a 10 % discount; November at the full fee).
for key, day, created, responded, started, resolved, minutes, summary in [
    ("ETA-20", "09-04", "10:00", "10:20", "10:40", "13:00", 130, "Не работает эквайринг в магазине №3"),
    ("ETA-21", "09-16", "12:00", "12:30", "12:50", "16:00", 180, "Сбой выгрузки чеков в ОФД"),
    ("ETA-22", "09-29", "09:30", "09:50", "10:00", "11:30", 85, "Не печатаются ценники"),
    ("ETA-23", "10-08", "11:00", "11:40", "12:30", "17:30", 290, "Переустановка кассового ПО"),
    ("ETA-24", "10-19", "10:00", "10:15", "10:30", "12:00", 90, "Ошибка остатков в интернет-магазине"),
    ("ETA-25", "10-28", "14:00", "14:20", "14:40", "18:30", 220, "Новая касса в магазине №5"),
    ("ETA-26", "11-11", "10:00", "10:30", "11:00", "15:00", 230, "Сбой бонусной программы"),
]:
    quick(key, "client-g", day, created, responded, started, resolved, minutes, "orlov", summary)


def main():
    document = json.loads(PATH.read_text(encoding="utf-8"))
    keys = {entry["key"] for entry in NEW}
    kept = [entry for entry in document["issues"] if entry["key"] not in keys]
    document["issues"] = kept + NEW
    PATH.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"{PATH.name}: {len(kept)} issues kept, {len(NEW)} appended")


if __name__ == "__main__":
    main()
