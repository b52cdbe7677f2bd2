"""`appliance serve --get PATH`: one request answered in-process, exit 0 for 2xx, else 1."""

import json

from appliance.cli import main


def serve(settings, *args):
    return main(["serve", "--data-dir", str(settings.data_dir), "--exchange", str(settings.exchange), *args])


def test_get_health_answers_in_process_and_exits_0(settings, capsys):
    assert serve(settings, "--get", "/health") == 0
    health = json.loads(capsys.readouterr().out)
    assert health["exchange"]["state"] == "present"
    assert health["folders"]["gestionale"]["state"] == "stopped"  # --get watches nothing
    assert settings.paths.database.exists()


def test_get_of_an_unknown_path_exits_1_with_a_problem(settings, capsys):
    assert serve(settings, "--get", "/no/such/page") == 1
    problem = json.loads(capsys.readouterr().out)
    assert problem["status"] == 404


def test_serve_help_ends_with_an_example(capsys):
    try:
        main(["serve", "--help"])
    except SystemExit as exit_:
        assert exit_.code == 0
    help_text = capsys.readouterr().out
    assert "--get PATH" in help_text
    assert help_text.rstrip().splitlines()[-1].strip() == "appliance serve --get /health"
