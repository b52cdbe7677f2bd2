"""The colour and line the tray shows for each state of a /health report."""

import pytest

from tray.status import AMBER, GREEN, RED, TOOLTIP_LIMIT, license_text, service_down, tray_status


def healthy(**changes) -> dict:
    report = {"status": "ok", "problems": [], "version": "1.2.3",
              "exchange": {"path": "D:\\Dropbox\\Exchange", "state": "present"},
              "last_import": {"time": "2026-11-28T13:05:00+00:00", "file": "io_citta.dat", "result": "imported"},
              "files": {"rejected": 0, "held": 0}, "license": {"state": "valid", "expires_at": "2027-01-31T00:00:00+00:00",
                                                              "customer": "ACME S.p.A.", "warnings": []},
              "watching": {"paused": False}}
    report.update(changes)
    return report


def test_a_fresh_service_without_a_license_is_amber_for_evaluation_mode(running):
    status = tray_status(running.health())
    assert (status.colour, status.up, status.paused) == (AMBER, True, False)
    assert status.line.startswith("AppManager: No license installed: evaluation mode")
    assert status.exchange == str(running.settings.exchange)
    assert status.license == "evaluation"


def test_green_names_the_last_import_in_local_time():
    status = tray_status(healthy())
    assert status.colour == GREEN and status.reasons == ()
    assert status.line.startswith("AppManager: OK, last import io_citta.dat (imported) at ")
    assert status.line.endswith("14:05")  # TZ is Europe/Rome in the tests
    assert status.license == "valid until 2027-01-31, ACME S.p.A."


@pytest.mark.parametrize("changes, reason", [
    ({"problems": ["2 rejected files wait for an operator"]}, "2 rejected files wait for an operator"),
    ({"problems": ["1 held file waits for an operator"]}, "1 held file waits for an operator"),
    ({"problems": ["2 held file(s) wait for an operator"]}, "2 held files wait for an operator"),  # an older service
    ({"problems": ["gestionale/ is missing"]}, "gestionale/ is missing"),
    ({"license": {"state": "grace", "message": "License expired; 5 days of grace left."}},
     "License expired; 5 days of grace left."),
    ({"license": {"state": "evaluation"}}, "license in evaluation"),
    ({"license": {"state": "valid", "warnings": ["3 users without a seat"]}}, "3 users without a seat"),
    ({"watching": {"paused": True}}, "watching paused: files wait in the exchange folder"),
])
def test_amber_states(changes, reason):
    status = tray_status(healthy(**changes))
    assert status.colour == AMBER
    assert status.reasons[0] == reason
    assert status.line == f"AppManager: {reason}"


@pytest.mark.parametrize("state", ["expired", "invalid", "not_yet_valid", "clock_rollback"])
def test_a_license_that_refuses_logins_is_red(state):
    status = tray_status(healthy(license={"state": state, "message": f"The license is {state}."},
                                 problems=["1 held file waits for an operator"]))
    assert status.colour == RED
    assert status.reasons == (f"The license is {state}.", "1 held file waits for an operator")


def test_a_missing_exchange_folder_is_red():
    problem = "exchange folder D:\\Dropbox\\Exchange is missing"
    status = tray_status(healthy(exchange={"path": "D:\\Dropbox\\Exchange", "state": "missing"}, problems=[problem]))
    assert (status.colour, status.line) == (RED, f"AppManager: {problem}")


def test_a_service_that_does_not_answer_is_red_and_down():
    status = service_down("http://127.0.0.1:8470: connection refused")
    assert (status.colour, status.up) == (RED, False)
    assert status.line == "AppManager: service not answering (http://127.0.0.1:8470: connection refused)"


def test_the_tooltip_is_cut_to_what_windows_shows():
    status = tray_status(healthy(problems=["x" * 300]))
    assert len(status.line) == TOOLTIP_LIMIT and status.line.endswith("...")


def test_license_text_without_details():
    assert license_text({"state": "not_yet_valid"}) == "not yet valid"
    assert license_text({}) == "unknown"


def test_italian_tooltip_and_menu_list_every_reason():
    from tray.menu import menu_entries

    status = tray_status(healthy(problems=["2 rejected files wait for an operator", "gestionale/ is missing"],
                                 watching={"paused": True}), "it")
    assert status.colour == AMBER
    assert status.reasons == ("monitoraggio in pausa: i file attendono nella cartella di scambio",
                              "2 file rifiutati attendono un operatore", "manca la cartella gestionale/")
    assert status.line.startswith("AppManager: monitoraggio in pausa") and "; 2 file rifiutati" in status.line
    labels = {key: entry.label for key, entry in menu_entries(status, "it").items()}
    assert labels["open_console"] == "Apri la console" and labels["toggle_watching"] == "Riprendi il monitoraggio"
    assert labels["quit"] == "Esci"


def test_italian_green_line_names_the_last_import():
    status = tray_status(healthy(), "it")
    assert status.line.startswith("AppManager: OK, ultima importazione io_citta.dat (importato) alle ")


def test_english_tooltip_lists_every_reason_too():
    status = tray_status(healthy(problems=["1 held file waits for an operator", "reports/ is missing"]))
    assert status.line == "AppManager: 1 held file waits for an operator; reports/ is missing"


@pytest.mark.parametrize("tls, colour, reason", [
    ({"state": "ok", "expires_at": "2027-12-01T10:00:00+00:00", "days_left": 363}, GREEN, None),
    ({"state": "off"}, GREEN, None),
    ({"state": "expiring", "expires_at": "2026-12-20T10:00:00+00:00", "days_left": 17}, AMBER,
     "the HTTPS certificate expires on 2026-12-20 (17 days left)"),
    ({"state": "expired", "expires_at": "2026-11-20T10:00:00+00:00", "days_left": -14}, RED,
     "the HTTPS certificate expired on 2026-11-20: iPads cannot connect until it is renewed"),
])
def test_the_https_certificate_turns_amber_before_expiry_and_red_after(tls, colour, reason):
    status = tray_status(healthy(tls=tls))
    assert status.colour == colour
    assert status.reasons == ((reason,) if reason else ())


@pytest.mark.parametrize("tls, reason", [
    ({"state": "expiring", "expires_at": "2026-12-20T10:00:00+00:00", "days_left": 17},
     "il certificato HTTPS scade il 20/12/2026 (ancora 17 giorni)"),
    ({"state": "expiring", "expires_at": "2026-12-04T10:00:00+00:00", "days_left": 1},
     "il certificato HTTPS scade il 04/12/2026 (ancora 1 giorno)"),
])
def test_the_https_certificate_is_told_in_italian(tls, reason):
    assert tray_status(healthy(tls=tls), "it").reasons == (reason,)


def test_a_license_warning_is_told_in_italian():
    warning = ("2 active users of 'orders' have no seat (5 licensed) and are refused at login: a, b. "
               "Disable users or get more seats.")
    status = tray_status(healthy(license={"state": "valid", "warnings": [warning]}), "it")
    assert status.reasons == ("utenti attivi del profilo 'orders' senza posto (2; posti in licenza: 5), rifiutati "
                              "all'accesso: a, b. Disattiva degli utenti o chiedi altri posti.",)


def test_an_expired_certificate_is_said_once_in_italian_though_health_lists_it_as_a_problem_too():
    tls = {"state": "expired", "expires_at": "2026-11-20T10:00:00+00:00", "days_left": -14}
    problem = "the HTTPS certificate expired on 2026-11-20: iPads cannot connect until it is renewed"
    status = tray_status(healthy(tls=tls, problems=[problem]), "it")
    assert status.colour == RED
    assert status.reasons == ("il certificato HTTPS è scaduto il 20/11/2026: gli iPad non si collegano finché non "
                              "viene rinnovato",)
