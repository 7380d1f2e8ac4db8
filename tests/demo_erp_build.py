"""Writes the bundled demo ERP extract (`src/longarm/demo/erp/`): a robotics and drives
maker's item master, bills of materials, business partners and a year of order lines.

Run `python tests/demo_erp_build.py src/longarm/demo/erp` to rewrite it; a test checks the
bundled files are what this script writes. The facts follow the law sheets
(`shared/law/FACTS*.md`) so that the outcomes mean something:

- Japanese and German servo motors, rotors and wind-generator segments contain Chinese
  Dy/Tb NdFeB and SmCo magnets (MOFCOM 2025 No. 61 Art. 1(1) 0.1 % content rule, suspended
  by No. 70 to 2026-11-10, announced extension to 2027-01-10 with no instrument);
- Japanese magnets made with Chinese Tb oxide (Part II items with Chinese Part I content);
- gallium-nitride power stages shipped from the Chinese plant to the US (2024 No. 46
  Art. 2, suspended by No. 72 to 2026-11-27);
- controller boards with US chips (3A001, 3A991, 3A090 accelerators) inside foreign
  machines shipped to China and Russia (de minimis, Country Chart, Entity List FDP);
- customers on the Entity List, subsidiaries held 50 % or more by them (Affiliates Rule,
  stayed to 2026-11-09), a customer held through an owner of unknown share (Red Flag 29),
  a US defence contractor on the PRC Control List and a subsidiary it holds, a listed
  owner that is itself publicly listed, military users.
Names are invented.
"""

from __future__ import annotations

import csv
import random
import sys
from datetime import date, timedelta
from pathlib import Path

SEED = 20261110

MAGNETS_CN = [
    ("MAG-DY-{n:02d}", "Sintered NdFeB magnet block, Dy grain-boundary diffused", "CN:1C905.a",
     "Dy:permanent_magnet"),
    ("MAG-TB-{n:02d}", "Sintered NdFeB magnet, Tb-bearing", "CN:1C905.a", "Tb:permanent_magnet"),
    ("MAG-SMCO-{n:02d}", "Sm2Co17 magnet segment", "CN:1C905.a", "Sm:permanent_magnet:Sm-Co"),
]  # fmt: skip
COUNTRIES_OK = ["US", "DE", "FR", "IN", "MX", "VN", "KR", "GB"]


def build() -> dict[str, list[dict[str, str]]]:
    rng = random.Random(SEED)
    items: list[dict[str, str]] = []
    bom: list[dict[str, str]] = []

    def item(ident: str, desc: str, origin: str, value: float, **extra: str) -> str:
        row = {"id": ident, "description": desc, "origin": origin, "unit_value": f"{value:.2f}"}
        row.update(extra)
        items.append(row)
        return ident

    def use(parent: str, child: str, qty: float) -> None:
        bom.append({"parent": parent, "child": child, "quantity": f"{qty:g}"})

    # Leaves: Chinese magnets, Chinese Tb oxide, Japanese magnets, US chips, commodity parts.
    cn_magnets = []
    for pattern, desc, code, material in MAGNETS_CN:
        for n in range(1, 9):
            cn_magnets.append(
                item(pattern.format(n=n), desc, "CN", rng.choice([1.8, 2.5, 3.2, 4.5, 6.0, 9.5]),
                     controls=code, materials=material)
            )  # fmt: skip
    tb_oxide = item("TBOX-CN", "Terbium oxide 99.99 %", "CN", 0.9, materials="Tb:oxide")
    jp_magnets = []
    for n in range(1, 7):
        ident = item(f"MAG-JP-{n:02d}", "NdFeB magnet made in Japan with Tb diffusion", "JP",
                     rng.choice([4.0, 5.5, 7.0]), controls="CN:1C904.a",
                     materials="Tb:permanent_magnet")  # fmt: skip
        use(ident, tb_oxide, 0.05)
        jp_magnets.append(ident)
    gan = [
        item(
            f"GAN-{n:02d}",
            "GaN power transistor die",
            "CN",
            rng.choice([3.0, 4.2]),
            materials="Ga:compound:GaN",
        )
        for n in range(1, 5)
    ]
    chips = {
        "gpu": [item(f"GPU-{n}", "AI accelerator module", "US", v, controls="US:3A090.a")
                for n, v in ((1, 6500.0), (2, 9800.0))],
        "fpga": [item(f"FPGA-{n}", "Radiation-tolerant FPGA", "US", v, controls="US:3A001.a.1")
                 for n, v in ((1, 310.0), (2, 450.0), (3, 620.0))],
        "mcu": [item(f"MCU-{n}", "Motor-control microcontroller", "US", v, controls="US:3A991.a")
                for n, v in ((1, 4.5), (2, 6.2), (3, 8.9), (4, 12.0))],
        "conn": [item(f"CONN-{n}", "Connector set", "US", 1.2 + n, controls="US:EAR99")
                 for n in range(1, 4)],
    }  # fmt: skip
    parts = {
        name: [item(f"{prefix}-{n:02d}", desc, origin, base + step * n) for n in range(1, 9)]
        for name, prefix, desc, origin, base, step in (
            ("coil", "COIL", "Copper winding set", "JP", 30.0, 5.0),
            ("shaft", "SHAFT", "Rotor shaft, steel", "DE", 12.0, 1.0),
            ("housing", "HSG", "Aluminium motor housing", "VN", 18.0, 2.0),
            ("bearing", "BRG", "Angular contact bearing", "JP", 9.0, 1.0),
            ("gear", "GEAR", "Strain-wave gearbox", "JP", 240.0, 20.0),
            ("pcb", "PCB", "Bare printed circuit board", "MY", 6.0, 1.0),
            ("cable", "CBL", "Harness", "MX", 14.0, 1.0),
        )
    }

    # Level 1: rotors (magnets + shaft), controller boards (chips + PCB), power stages.
    rotors = []
    for n in range(1, 25):
        origin = rng.choice(["JP", "JP", "DE"])
        ident = item(f"ROTOR-{n:02d}", f"Rotor assembly made in {origin}", origin, 0.0)
        magnet = rng.choice(cn_magnets + jp_magnets)
        count = rng.choice([4, 6, 8, 12])
        use(ident, magnet, count)
        use(ident, rng.choice(parts["shaft"]), 1)
        rotors.append(ident)
    boards = []
    for n in range(1, 21):
        ident = item(
            f"CTRL-{n:02d}", "Servo drive controller board", rng.choice(["DE", "JP", "MY"]), 0.0
        )
        use(ident, rng.choice(chips["mcu"]), rng.choice([1, 2]))
        use(ident, rng.choice(parts["pcb"]), 1)
        use(ident, rng.choice(chips["conn"]), 2)
        if n % 4 == 0:
            use(ident, rng.choice(chips["fpga"]), 1)
        boards.append(ident)
    stages = []
    for n in range(1, 7):
        ident = item(f"PSTAGE-{n:02d}", "GaN inverter power stage", "CN", 0.0)
        use(ident, rng.choice(gan), 6)
        use(ident, rng.choice(parts["pcb"]), 1)
        stages.append(ident)
    ai_modules = []
    for n in range(1, 5):
        ident = item(f"VISION-{n:02d}", "Machine-vision compute unit", "SG", 0.0)
        use(ident, rng.choice(chips["gpu"]), 1)
        use(ident, rng.choice(boards), 1)
        ai_modules.append(ident)

    # Level 2: servo motors; level 3: joint modules; level 4: robots, generators, machines.
    motors = []
    for n in range(1, 41):
        origin = rng.choice(["JP", "JP", "DE", "KR"])
        ident = item(f"SERVO-{n:02d}", f"AC servo motor made in {origin}", origin, 0.0)
        use(ident, rng.choice(rotors), 1)
        use(ident, rng.choice(parts["coil"]), 1)
        use(ident, rng.choice(parts["housing"]), 1)
        use(ident, rng.choice(parts["bearing"]), 2)
        motors.append(ident)
    joints = []
    for n in range(1, 25):
        ident = item(f"JOINT-{n:02d}", "Robot joint module (servo, gearbox, drive)", "JP", 0.0)
        use(ident, rng.choice(motors), 1)
        use(ident, rng.choice(parts["gear"]), 1)
        use(ident, rng.choice(boards), 1)
        joints.append(ident)
    products: dict[str, list[str]] = {"robot": [], "generator": [], "machine": [], "drive": [],
                                      "traction": [], "cobot": []}  # fmt: skip
    for n in range(1, 19):
        origin = rng.choice(["DE", "JP"])
        ident = item(f"ROBOT-{n:02d}", f"Six-axis industrial robot made in {origin}", origin, 0.0)
        for _ in range(6):
            use(ident, rng.choice(joints), 1)
        use(ident, rng.choice(parts["cable"]), 3)
        if n % 3 == 0:
            use(ident, rng.choice(ai_modules), 1)
        products["robot"].append(ident)
    for n in range(1, 9):
        ident = item(f"COBOT-{n:02d}", "Collaborative robot arm", "KR", 0.0)
        for _ in range(6):
            use(ident, rng.choice(joints), 1)
        products["cobot"].append(ident)
    for n in range(1, 11):
        ident = item(f"WINDGEN-{n:02d}", "Direct-drive wind generator segment", "DE", 0.0)
        use(ident, rng.choice(cn_magnets[:8]), 240)
        use(ident, rng.choice(parts["coil"]), 12)
        products["generator"].append(ident)
    for n in range(1, 13):
        ident = item(f"MILL-{n:02d}", "Five-axis machining centre", "DE", 0.0, controls="US:2B001")
        use(ident, rng.choice(motors), 5)
        use(ident, boards[3 + 4 * (n % 4)], 1)  # boards with an FPGA
        products["machine"].append(ident)
    for n in range(1, 13):
        ident = item(f"DRIVE-{n:02d}", "GaN servo drive", "CN", 0.0)
        use(ident, rng.choice(stages), 1)
        use(ident, rng.choice(boards), 1)
        products["drive"].append(ident)
    for n in range(1, 9):
        ident = item(f"TRACTION-{n:02d}", "EV traction motor", "KR", 0.0)
        use(ident, rng.choice(rotors), 1)
        use(ident, rng.choice(parts["coil"]), 2)
        products["traction"].append(ident)

    _price(items, bom, rng)
    tables = {"items": items, "bom": bom}
    us_parts = chips["fpga"] + chips["mcu"] + chips["gpu"]  # re-exported from Germany
    tables.update(_parties_and_lines(rng, products, motors, cn_magnets + jp_magnets, gan, us_parts))
    return tables


def _price(items: list[dict[str, str]], bom: list[dict[str, str]], rng: random.Random) -> None:
    """Assemblies are priced at their parts' cost times a margin (bottom-up; BOM rows are
    written children first, so one pass in row order suffices)."""
    value = {i["id"]: float(i["unit_value"]) for i in items}
    kids: dict[str, list[tuple[str, float]]] = {}
    for row in bom:
        kids.setdefault(row["parent"], []).append((row["child"], float(row["quantity"])))
    for row in items:
        if row["id"] in kids and value[row["id"]] == 0.0:
            cost = sum(value[c] * q for c, q in kids[row["id"]])
            value[row["id"]] = round(cost * rng.choice([1.3, 1.5, 1.8, 2.2]) + 25, 2)
            row["unit_value"] = f"{value[row['id']]:.2f}"


def _parties_and_lines(
    rng: random.Random,
    products: dict[str, list[str]],
    motors: list[str],
    magnets: list[str],
    gan: list[str],
    chips: list[str],
) -> dict[str, list[dict[str, str]]]:
    parties = [
        ("NRK", "Nagoya Robotics K.K.", "JP", "", ""),
        ("RAG", "Rhein Antriebe GmbH", "DE", "", ""),
        ("SRM", "Shenzhen Rhein Motion Co., Ltd.", "CN", "", ""),
        ("IMO", "Incheon Mobility Co., Ltd.", "KR", "", ""),
        ("GLA", "Great Lakes Automation Inc.", "US", "", ""),
        ("TXW", "Texas Wind Components LLC", "US", "", ""),
        ("SKY", "Skyward Defense Systems Inc.", "US", "CN:control_list", ""),
        ("SKYR", "Skyward Robotics LLC", "US", "", ""),
        ("BAV", "Bavaria Fertigung AG", "DE", "", ""),
        ("LYO", "Lyon Automatisme SAS", "FR", "", ""),
        ("PUN", "Pune Motion Pvt. Ltd.", "IN", "", ""),
        ("MTY", "Monterrey Ensambles S.A. de C.V.", "MX", "", ""),
        ("HAN", "Hanoi Precision Co., Ltd.", "VN", "", ""),
        ("SGD", "Straits Distribution Pte. Ltd.", "SG", "", ""),
        ("HAC", "Hefei Advanced Compute Co., Ltd.", "CN", "US:EL:presumption_of_denial", ""),
        ("HACR", "Hefei AC Robotics Co., Ltd.", "CN", "", ""),
        ("WXH", "Wuxi Huaxin Holdings Co., Ltd.", "CN", "", ""),
        ("WXA", "Wuxi Huaxin Automation Co., Ltd.", "CN", "", ""),
        ("SZE", "Shenzhen Electromech Co., Ltd.", "CN", "", ""),
        ("NVM", "Novosibirsk Machine Works JSC", "RU", "US:MEU", ""),
        ("URA", "Ural Precision LLC", "RU", "", ""),
        ("JDA", "Japan Defense Avionics K.K.", "JP", "", "true"),
        ("KSE", "Kyushu Semiconductor Equipment K.K.", "JP", "", ""),
        ("GBR", "Midlands Motion Ltd.", "GB", "", ""),
        ("SEO", "Seoul Battery Systems Co., Ltd.", "KR", "", ""),
    ]
    owners = [
        ("HACR", "HAC", "0.6"),  # EL subsidiary, 60 %: Affiliates Rule
        ("WXA", "WXH", "0.7"),
        ("WXH", "HAC", ""),  # listed owner of unknown share: Red Flag 29
        ("SKYR", "SKY", "0.5"),  # PRC Control List owner, exactly 50 %: No. 61 Art. 2
        ("SZE", "HAC", "0.3"),  # below 50 %: not covered
        ("URA", "NVM", "0.51"),
    ]
    party_rows = [
        {"id": i, "name": n, "country": c, "military": m or "false", "lists": lists}
        for i, n, c, lists, m in parties
    ]
    owner_rows = [{"party": p, "owner": o, "share": s} for p, o, s in owners]
    # Who buys what, from which exporter (the exporter's country is where goods leave).
    buyers = {
        "robot": ["GLA", "BAV", "LYO", "PUN", "MTY", "HACR", "WXA", "SZE", "URA", "GBR", "SKYR"],
        "cobot": ["GLA", "HAN", "PUN", "SZE", "KSE", "SEO"],
        "generator": ["TXW", "BAV", "PUN", "GBR"],
        "machine": ["GLA", "SZE", "HACR", "URA", "NVM", "PUN", "BAV", "JDA"],
        "drive": ["GLA", "TXW", "SKY", "SKYR", "BAV", "MTY"],
        "traction": ["SEO", "GLA", "MTY", "BAV"],
        "servo": ["GLA", "SKY", "JDA", "HAN", "LYO", "WXA"],
        "chips": ["HACR", "WXA", "SZE", "URA", "PUN", "BAV", "KSE", "HAC"],
        "magnet": ["GLA", "TXW", "BAV"],
        "gan": ["GLA", "TXW", "SKY"],
    }
    sellers = {
        "robot": ["RAG", "NRK"], "cobot": ["IMO"], "generator": ["RAG"], "machine": ["RAG"],
        "drive": ["SRM"], "traction": ["IMO"], "servo": ["NRK", "RAG"], "magnet": ["SRM"],
        "gan": ["SRM"], "chips": ["RAG"],
    }  # fmt: skip
    catalogue = dict(products, servo=motors, magnet=magnets, gan=gan, chips=chips)
    country = {i: c for i, _, c, _, _ in parties}
    shipments, lines = [], []
    start = date(2026, 1, 5)
    days = [start + timedelta(days=d) for d in range(0, 358)]
    # Denser around the 2026-11 dates, as a team re-planning orders would see it.
    days += [date(2026, 11, d) for d in range(1, 31)] * 3
    for n in range(1, 1201):
        family = rng.choice(list(buyers))
        buyer = rng.choice(buyers[family])
        seller = rng.choice(sellers[family])
        consignee = "SGD" if country[buyer] in ("VN", "IN") and rng.random() < 0.5 else ""
        uses = rng.choice(["civil"] * 8 + ["unknown", "military"]) if buyer != "JDA" else "military"
        ident = f"SO-{n:05d}"
        shipments.append(
            {"id": ident, "as_of": rng.choice(days).isoformat(), "ship_from": country[seller],
             "destination": country[buyer], "exporter": seller, "consignee": consignee,
             "end_user": buyer, "end_uses": uses}
        )  # fmt: skip
        for line in range(1, rng.choice([1, 1, 2, 2, 3, 4]) + 1):
            qty = (
                rng.choice([1, 2, 4, 10])
                if family not in ("magnet", "gan")
                else rng.choice([200, 500, 1000])
            )
            lines.append({"shipment": ident, "line": str(line),
                          "item": rng.choice(catalogue[family]), "quantity": str(qty)})  # fmt: skip
    return {"parties": party_rows, "owners": owner_rows, "shipments": shipments, "lines": lines}


COLUMNS = {
    "items": ["id", "description", "origin", "unit_value", "currency", "controls", "materials",
              "technologies", "made_with", "plant_made_with"],
    "bom": ["parent", "child", "quantity"],
    "parties": ["id", "name", "country", "military", "lists"],
    "owners": ["party", "owner", "share"],
    "shipments": ["id", "as_of", "ship_from", "destination", "exporter", "consignee", "end_user",
                  "end_uses"],
    "lines": ["shipment", "line", "item", "quantity"],
}  # fmt: skip


def write(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in build().items():
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, COLUMNS[name], lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)


if __name__ == "__main__":
    write(Path(sys.argv[1]))
