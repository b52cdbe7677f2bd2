"""Italian identifiers in the demo data carry correct check characters."""

from __future__ import annotations

import random
from datetime import date

from appliance.demo.italian_ids import coordinate, landline, mobile, tax_code, vat_number
from tests.demo.fileformat import vat_is_valid


def test_tax_code_of_the_textbook_example():
    assert tax_code("Rossi", "Mario", date(1980, 1, 1), False, "F205") == "RSSMRA80A01F205X"


def test_tax_code_of_a_woman_adds_forty_to_the_day_and_ignores_accents():
    code = tax_code("D'Angelo", "Noemi", date(1975, 12, 9), True, "D704")
    assert code[:15] == "DNGNMO75T49D704"
    assert len(code) == 16 and code[15].isalpha()


def test_vat_numbers_pass_the_check_digit_test():
    numbers = [vat_number(n * 7919 + 1_234_567, n % 100 + 1) for n in range(1, 500)]
    assert all(vat_is_valid(n) for n in numbers)
    assert len(set(numbers)) == len(numbers)
    assert not vat_is_valid(numbers[0][:-1] + str((int(numbers[0][-1]) + 1) % 10))


def test_phone_numbers_and_coordinates_have_the_usual_shapes():
    rng = random.Random(1)
    prefix, number = landline(rng, "0521").split(" ")
    assert prefix == "0521" and len(prefix + number) == 10
    mobile_prefix, mobile_number = mobile(rng, ["347"]).split(" ")
    assert mobile_prefix == "347" and len(mobile_number) == 7
    assert coordinate(45.4642) == "45,464200"
