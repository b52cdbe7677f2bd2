"""Seats: which active users may use the app.

Under a license each profile has its own number of seats; in evaluation mode (no
license, or one that does not verify) two active users in all may. Users keep their
seat in activation order, so when a new license brings fewer seats than there are
active users, the most recently activated ones are the users left without a seat.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Mapping

from appliance.licensing.profiles import PROFILES

EVALUATION_POOL = "evaluation"
EVALUATION_USERS = 2
INSTALL_HINT = "appliance license install FILE"


@dataclass
class Pool:
    """The seats of one profile (or of evaluation mode) and who holds them."""

    name: str
    licensed: int
    holders: list[str] = field(default_factory=list)
    without_seat: list[str] = field(default_factory=list)

    @property
    def active(self) -> int:
        return len(self.holders) + len(self.without_seat)

    def as_dict(self) -> dict:
        return {"licensed": self.licensed, "active": self.active,
                "available": max(self.licensed - self.active, 0), "without_seat": list(self.without_seat)}


@dataclass(frozen=True)
class SeatPlan:
    """The seat limits in force: per profile (a license), or None for evaluation mode."""

    limits: Mapping[str, int] | None

    @property
    def evaluation(self) -> bool:
        return self.limits is None

    def pool(self, profile: str) -> str:
        """The pool a user of `profile` takes a seat from."""
        return EVALUATION_POOL if self.limits is None else profile

    def limit(self, pool: str) -> int:
        return EVALUATION_USERS if self.limits is None else int(self.limits.get(pool, 0))

    def allocate(self, active_users: Iterable[Mapping]) -> dict[str, Pool]:
        """Hand out seats to `active_users` (rows with username and profile, in activation order)."""
        names = [EVALUATION_POOL] if self.limits is None else list(dict.fromkeys([*PROFILES, *self.limits]))
        pools = {name: Pool(name, self.limit(name)) for name in names}
        for user in active_users:
            pool = pools.setdefault(self.pool(user["profile"]), Pool(self.pool(user["profile"]), 0))
            target = pool.holders if len(pool.holders) < pool.licensed else pool.without_seat
            target.append(user["username"])
        return pools

    def activation_refused(self, pool: Pool) -> str:
        """Why one more user cannot be activated in `pool`, and what to do."""
        if self.limits is None:
            return (f"Evaluation mode allows {EVALUATION_USERS} active users and {pool.active} are active. "
                    f"Install a license to activate more ({INSTALL_HINT}), or disable a user first "
                    "(appliance users disable NAME).")
        return (f"Profile '{pool.name}' has {pool.licensed} seats in the license and {pool.active} active "
                f"users take them. Disable a user of that profile first (appliance users disable NAME), "
                f"or ask the vendor for a license with more '{pool.name}' seats.")

    def login_refused(self, pool: Pool) -> str:
        """Why a user without a seat cannot log in, for the device's screen."""
        if self.limits is None:
            return (f"Evaluation mode allows {EVALUATION_USERS} users and this user is not one of them. "
                    f"Ask the administrator to install a license ({INSTALL_HINT}).")
        return (f"No seat for this user: profile '{pool.name}' has {pool.licensed} seats and {pool.active} "
                "active users; the most recently activated have none. Ask the administrator to disable a "
                "user or to install a license with more seats.")
