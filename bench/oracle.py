"""The audience model written the way Mesa's tutorials write a model: one agent per person.

The same rules as ``sim.model`` (docs/ODD.md section 7), in plain Python, one
person at a time: each person is a ``mesa.Agent`` with a method per stage of
the day, the model calls them in turn with ``AgentSet.do`` and reads the state
off the agents with a ``DataCollector``. Readable, slow, and independent of
the vectorised code. It
guards the fast code's correctness (``tests/test_oracle.py`` compares the two
in distribution) and is the speed baseline of ``bench/run.py``. Keep it in
step when a rule changes. Only what the comparison needs is covered: no
weekly calendar, no posting growth, no bought fans.

    python bench/oracle.py scenarios/stammtisch.toml --people 1000 --days 60
"""

from __future__ import annotations

import math
import random
import statistics
import sys
from collections import deque
from pathlib import Path

import mesa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sim  # noqa: E402  (the scenario loader and the summary's definitions only)
from sim.model.measures import COLUMNS, summarize  # noqa: E402
from sim.model.service import auto_staff  # noqa: E402  (sizing a desk: a plan from a load, not a per-person rule)

ANSWER, IGNORE, DELETE, UNHEARD = "answer", "ignore", "delete", "unheard"


def sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x)) if x > -700 else 0.0


def clip(x: float, lo: float = 0.0, hi: float = 1.0) -> float:
    return lo if x < lo else hi if x > hi else x


def poisson(rnd: random.Random, lam: float) -> int:
    """Knuth's method (fine for the degrees used here)."""
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rnd.random()
        if p <= limit:
            return k
        k += 1


class Person(mesa.Agent):
    """One member of the brand's market."""

    def __init__(self, model, interests: dict, trust: float, activity: float, tolerance: float, customer: bool):
        super().__init__(model)
        self.interest = interests
        self.trust = trust
        self.prior = trust  # the trust the person holds without news of the brand
        self.activity = activity
        self.tolerance = tolerance
        self.customer = customer
        self.follows = False
        self.entrant = False  # enters prize draws
        self.hunter = False
        self.annoyance_promo = self.annoyance_overposting = self.irrelevance = self.grievance = 0.0
        self.affinity = 0.0
        self.ties: list[Person] = []
        self.complaint = None  # dict while a problem is open
        self.trust_change = 0.0  # requested today, applied once after word of mouth
        self.threads_seen: set[Person] = set()  # complainers whose open thread on the page this person saw

    @property
    def annoyance(self) -> float:
        return self.annoyance_promo + self.annoyance_overposting

    def react(self, kind: str, extra_distrust: float, share_scale: float, learning: float = 1.0) -> tuple[bool, bool, bool]:
        """See a post: engage? share? hide? Then learn trust, build annoyance, follow the engagement."""
        m, t, rx = self.model, self.model.content[kind], self.model.cfg.reactions
        annoyance = self.annoyance
        value = (self.interest[kind] + rx.trust_weight * (self.trust - 0.5)
                 - rx.annoyance_weight * annoyance * t.promo_weight + rx.value_noise * m.rnd.gauss(0, 1))
        enters = self.entrant or not t.requires_follow  # a prize draw pulls only those who enter draws
        engaged = m.rnd.random() < sigmoid(rx.engage_intercept + t.appeal * enters + rx.engage_slope * value)
        shared = engaged and enters and m.rnd.random() < t.share_propensity * share_scale
        negative = m.rnd.random() < sigmoid(rx.negative_intercept + rx.negative_annoyance * annoyance - rx.negative_value * value)
        worth = value - rx.trust_weight * (self.trust - 0.5)  # the post's worth, without the trust already held
        self.trust_change += learning * t.trust_learning * (clip(worth) - self.trust) - (extra_distrust if self.threads_seen else 0.0)
        self.annoyance_promo += t.annoyance
        self.irrelevance = (1 - rx.irrelevance_memory) * self.irrelevance + rx.irrelevance_memory * max(0.0, 0.5 - value)
        if engaged:
            self.affinity += rx.affinity_gain * (1 - self.affinity)
        return engaged, shared, negative

    def unfollow_hazard_terms(self) -> list[float]:
        f, m = self.model.cfg.follows, self.model
        since = m.day - m.last_prize_draw
        return [f.promo_annoyance * self.annoyance_promo, f.overposting_annoyance * self.annoyance_overposting,
                f.irrelevance * self.irrelevance, f.distrust * max(0.0, f.distrust_threshold - self.trust),
                f.service_grievance * self.grievance,
                f.hunter_hazard * (1 - math.exp(-since / f.hunter_patience)) * self.hunter]

    # -- the person's part of the day, one method per stage (called with AgentSet.do) ------------------

    def raise_problem(self) -> None:
        """A product problem today? A customer without an open one raises it."""
        m = self.model
        if m.rnd.random() < m.cfg.service.problem_rate:
            hour = 24 * m.rnd.random()
            if self.customer and self.complaint is None:
                m.new_complaints.append((m.day * 24 + hour, self))

    def settle_complaint(self) -> None:
        """A complaint due today lands: trust moves, and the complainer may talk."""
        m, c = self.model, self.complaint
        if c is None or c["due"] >= (m.day + 1) * 24:
            return
        sv, wom, rnd = m.cfg.service, m.cfg.word_of_mouth, m.rnd
        delay = c["due"] - c["opened"]
        patience, tell = rnd.expovariate(1 / sv.patience_hours), rnd.random()
        q = sv.quality
        if c["outcome"] == UNHEARD:
            self.trust_change -= sv.unheard_penalty
            m.today["complaints_unheard"] += 1
            if tell < wom.tell_unheard:
                m.talk_negative.append(self)
            self.complaint = None
            return
        if c["outcome"] == ANSWER:
            restored = min(sv.problem_trust_hit, sv.recovery_gain * q * math.exp(-delay / sv.reply_decay_hours))
            self.trust_change += restored - sv.poor_answer_penalty * (1 - q)
            in_time = delay <= patience
            m.today["complaints_answered_in_time" if in_time else "complaints_answered_late"] += 1
            if in_time and tell < wom.tell_positive * q:
                m.talk_positive.append(self)
            score = sv.onlooker_score_in_time if in_time else sv.onlooker_score_late
        else:
            deleted = c["outcome"] == DELETE
            self.trust_change -= sv.delete_penalty if deleted else sv.ignore_penalty
            self.grievance += 1
            m.today["complaints_deleted" if deleted else "complaints_ignored"] += 1
            if tell < (wom.tell_deleted if deleted else wom.tell_negative):
                m.talk_negative.append(self)
            score = sv.onlooker_score_deleted if deleted else sv.onlooker_score_ignored
            if deleted and rnd.random() < sv.repost_deleted:  # it comes back tomorrow, louder (the Streisand effect)
                m.reposts.append(self)
        if c.get("repost"):
            score = sv.onlooker_score_deleted  # its onlookers judge the deletion it reports
        if c["on_page"]:
            m.resolved_threads.append((self, score, c["viewers"]))
        self.complaint = None

    def chatter(self) -> None:
        """Customers talk about the brand unprompted now and then: advocates praise, detractors warn."""
        m = self.model
        if m.rnd.random() < m.cfg.word_of_mouth.chatter_rate and self.customer:
            if self.trust > 0.7:
                m.talk_positive.append(self)
            elif self.trust < 0.3:
                m.talk_negative.append(self)

    def consider_unfollowing(self) -> None:
        """A follower leaves with the day's hazard; the unfollow is counted under its main causes."""
        if not self.follows:
            return
        m, f = self.model, self.model.cfg.follows
        terms = self.unfollow_hazard_terms()
        hazard = f.base_hazard + sum(terms)
        if m.rnd.random() < 1 - math.exp(-hazard):
            m.leavers.add(self)
            self.follows = self.hunter = False
            m.today["unfollows"] += 1
            for cause, term in zip(("promo", "overposting", "irrelevant", "distrust", "service", "prize_hunter"), terms):
                m.today[f"unfollows_{cause}"] += term >= f.cause_share * hazard

    def settle_trust(self) -> None:
        self.trust = clip(self.trust + self.trust_change)
        self.trust_change = 0.0

    def fade(self) -> None:
        rx = self.model.cfg.reactions
        self.annoyance_promo *= 1 - rx.annoyance_decay
        self.annoyance_overposting *= 1 - rx.annoyance_decay
        self.grievance *= 1 - rx.annoyance_decay
        self.irrelevance *= 1 - rx.irrelevance_decay
        self.affinity *= 1 - rx.affinity_decay
        self.trust += rx.trust_forgetting * (self.prior - self.trust)  # what is not renewed is forgotten

    def shop(self) -> None:
        """Loyal purchases, likelier the more the person trusts the brand (customers buy again more often than
        others buy a first time); then a customer may lapse, the likelier the less they trust the brand."""
        m, e = self.model, self.model.cfg.economy
        base = e.base_purchase_rate if self.customer else e.prospect_purchase_rate
        if m.rnd.random() < base * (self.trust / 0.5) ** e.trust_elasticity:
            m.first_purchase(self, m.tomorrow)
            m.sell(0.0)
        if self.customer and m.rnd.random() < e.lapse_rate * math.exp(e.lapse_trust_slope * (0.5 - self.trust)):
            self.customer = False
            m.today["lapses"] += 1


class OracleModel(mesa.Model):
    """One day of MODEL.md section 3 per step, person by person."""

    def __init__(self, scenario, seed: int):
        super().__init__(rng=seed)
        self.rnd = random.Random(seed)
        self.cfg = cfg = scenario
        self.content = dict(cfg.content)
        self.day = 0
        self.last_prize_draw = -10**6
        self.quality, self.competition = cfg.platform.quality_ref, 1.0
        self.reach = self.reach_from_quality()
        self.posted = deque(maxlen=cfg.platform.post_split_days - 1)  # the page's posts on the previous days
        self.discussion = None  # the page's complaint threads plus comments a day, averaged
        self.mask = [0] * 168
        for d in range(cfg.service.days_per_week):
            for h in range(int(round(cfg.service.hours_per_day))):
                self.mask[(d * 24 + int(round(cfg.service.start_hour)) + h) % 168] = 1
        self.per_week = sum(self.mask)
        self.desk_arrivals: deque = deque([0] * 7, maxlen=7)  # complaints that reached the desk on the last days
        self.tomorrow: dict[Person, bool] = {}  # follow requests made after today's follows were accepted
        self.reposts: list[Person] = []  # complainers whose complaint was deleted today: they post it again tomorrow
        self.people = self.create_people()
        self.connect()
        if cfg.platform.start_quality == "audience" and cfg.strategy.has_page:  # the platform scores what the page posts
            start = self.audience_quality()
            if start == start:  # not NaN: the page has followers
                self.quality = max(start, 0.0)
                self.reach = self.reach_from_quality()
        sv = cfg.service
        seen = sum(p.customer and p.follows for p in self.people)
        seen += sv.monitors_elsewhere * (sum(p.customer for p in self.people) - seen)
        self.staff = 0.0  # until sized
        self.staff_desk(sv.problem_rate * sv.answer_share * seen if cfg.strategy.has_page else 0.0)
        self.desk_free_at = [0.0] * self.agents_at_desk
        self.datacollector = mesa.DataCollector(model_reporters=self.reporters())

    # -- initialisation ---------------------------------------------------------

    def create_people(self) -> list[Person]:
        m, rnd = self.cfg.market, self.rnd
        mus = {k: t.interest_spread * statistics.NormalDist().inv_cdf(t.valued_by) for k, t in self.content.items()}
        people = []
        for _ in range(m.people):
            common = rnd.gauss(0, 1)
            interests = {k: sigmoid(mus[k] + t.interest_spread * (math.sqrt(m.interest_correlation) * common
                                                                  + math.sqrt(1 - m.interest_correlation) * rnd.gauss(0, 1)))
                         for k, t in self.content.items()}
            trust = clip(rnd.gauss(m.trust_mean, m.trust_sd))
            activity = rnd.betavariate(2.0, 2.0 * (1 - m.activity_mean) / m.activity_mean)
            tolerance = rnd.gammavariate(4.0, m.tolerance_mean / 4.0)
            people.append(Person(self, interests, trust, activity, tolerance, rnd.random() < self.customer_chance(trust)))
        # weighted sampling without replacement (Efraimidis-Spirakis keys), weight = mean interest
        k = round(m.initial_follower_share * m.people)
        keyed = sorted(people, key=lambda p: rnd.random() ** (1.0 / statistics.fmean(p.interest.values())), reverse=True)
        for p in keyed[:k]:
            p.follows, p.affinity = True, 0.2
        # entrants: the same weighted sampling, weight = mean interest in the draw types
        draws = [k for k, t in self.content.items() if t.requires_follow]
        pull = (lambda p: statistics.fmean(p.interest[k] for k in draws)) if draws else (lambda p: 1.0)
        keyed = sorted(people, key=lambda p: rnd.random() ** (1.0 / pull(p)), reverse=True)
        for p in keyed[:round(m.contest_share * m.people)]:
            p.entrant = True
        return people

    def audience_quality(self) -> float:
        """The quality score the page's posts would earn from its followers on day 0: by the mix (or the calendar's
        types), each follower's chance to engage minus negative_weight times their chance to hide it, at their
        interest and trust, no annoyance yet, without the noise."""
        cfg, rx = self.cfg, self.cfg.reactions
        followers = [p for p in self.people if p.follows]
        if not followers:
            return math.nan
        if cfg.strategy.calendar:
            names = [t for day in cfg.strategy.calendar for t in day]
            mix = {t: names.count(t) / len(names) for t in set(names)}
        else:
            mix = dict(cfg.strategy.mix)
        score = 0.0
        for kind, share in mix.items():
            t = self.content[kind]
            total = 0.0
            for p in followers:
                value = p.interest[kind] + rx.trust_weight * (p.trust - 0.5)
                enters = p.entrant or not t.requires_follow
                total += (sigmoid(rx.engage_intercept + t.appeal * enters + rx.engage_slope * value)
                          - cfg.platform.negative_weight * sigmoid(rx.negative_intercept - rx.negative_value * value))
            score += share * total / len(followers)
        return score

    def customer_chance(self, trust: float) -> float:
        """market.customer_share, or "steady": a / (a + h) at the person's trust (first purchases against lapses)."""
        m, e = self.cfg.market, self.cfg.economy
        if m.customer_share != "steady":
            return m.customer_share
        a = e.prospect_purchase_rate * (trust / 0.5) ** e.trust_elasticity
        h = e.lapse_rate * math.exp(e.lapse_trust_slope * (0.5 - trust))
        return a / (a + h) if a + h > 0 else 0.0

    def connect(self) -> None:
        """Stub matching with Pareto expected degrees, as in sim.model.graph."""
        m, rnd, n = self.cfg.market, self.rnd, len(self.people)
        if n < 2 or m.mean_degree <= 0:
            return
        w = [rnd.paretovariate(m.degree_tail - 1.0) for _ in range(n)]
        mean_w = (m.degree_tail - 1.0) / (m.degree_tail - 2.0)
        cap = min(math.sqrt(n * m.mean_degree), m.max_ties) / m.mean_degree
        stubs = [i for i, wi in enumerate(w) for _ in range(poisson(rnd, min(wi / mean_w, cap) * m.mean_degree))]
        rnd.shuffle(stubs)
        half = len(stubs) // 2
        ties = {(min(a, b), max(a, b)) for a, b in zip(stubs[:half], stubs[half:2 * half]) if a != b}
        for a, b in sorted(ties):
            self.people[a].ties.append(self.people[b])
            self.people[b].ties.append(self.people[a])

    # -- the day ---------------------------------------------------------------------

    def step(self) -> None:
        """One day: the model's stages in the order of MODEL.md section 3, each person acting in turn."""
        self.today = dict.fromkeys(COLUMNS, 0.0)
        self.today["day"] = self.day
        self.requests: dict[Person, bool] = self.tomorrow  # person -> as prize hunter
        self.tomorrow = {}
        self.visitors: list[Person] = []
        self.new_complaints, self.resolved_threads, self.talk_positive, self.talk_negative = [], [], [], []
        self.reposting, self.reposts = self.reposts, []  # yesterday's deleted complaints that come back today
        self.leavers: set[Person] = set()
        posts = self.brand_posts()
        self.show(posts)
        self.agents.do("raise_problem")
        self.queue_complaints()
        self.read_threads()
        self.agents.do("settle_complaint")
        self.onlookers_judge()
        self.agents.do("chatter")
        self.word_of_mouth()
        self.agents.do("settle_trust")
        self.update_reach()
        self.agents.do("consider_unfollowing")
        self.accept_follows()
        self.agents.do("fade")
        self.agents.do("shop")
        t = self.today
        t["cost_listening"] = self.cfg.service.monitors_elsewhere * self.cfg.service.listening_cost_per_day * self.cfg.strategy.has_page
        t["cost"] = t["cost_staff"] + t["cost_listening"] + t["cost_content"] + t["cost_prizes"] + t["cost_paid"]
        self.followers = sum(p.follows for p in self.agents)
        self.datacollector.collect(self)
        self.day += 1

    def brand_posts(self) -> list[str]:
        s = self.cfg.strategy
        if not s.has_page:
            return []
        n = int(s.posts_per_day) + (self.rnd.random() < s.posts_per_day % 1)
        posts = self.rnd.choices(list(s.mix), weights=list(s.mix.values()), k=n)
        posts += [e.type for e in s.events if e.day == self.day]
        if any(self.content[k].requires_follow for k in posts):
            self.last_prize_draw = self.day
        self.today["posts"] = len(posts)
        self.today["cost_prizes"] = sum(self.content[k].prize for k in posts)
        self.today["cost_content"] = sum(self.content[k].production_hours for k in posts) * self.cfg.service.wage_per_hour
        return posts

    def show(self, posts: list[str]) -> None:
        if not posts:
            return
        cfg, rnd, pf = self.cfg, self.rnd, self.cfg.platform
        followers = [p for p in self.people if p.follows]
        weights = [p.activity * (pf.affinity_floor + p.affinity) for p in followers]
        total = sum(weights)
        rate = (sum(self.posted) + len(posts)) / (len(self.posted) + 1)  # posts a day over the last days, today included
        size = (max(len(followers), 1) / pf.size_ref) ** -pf.size_elasticity  # bigger pages reach a smaller share
        target = clip(self.reach * size, pf.reach_min, pf.reach_max) * len(followers) / rate ** pf.post_split
        organic = [[p for p, w in zip(followers, weights) if rnd.random() < min(1.0, target * w / total)] for _ in posts]
        recommend = min(1.0, pf.recommend_rate * self.reach / pf.reach_base / rate ** pf.post_split)
        recommended = [[p for p in self.people if not p.follows and rnd.random() < recommend * p.activity] for _ in posts]
        paid = [[] for _ in posts]
        if cfg.strategy.paid_boost_per_day > 0 and pf.cpm > 0:
            price = pf.cpm / 1000 * pf.quality_ref / max(self.quality, pf.quality_ref * 0.05)
            per_post = cfg.strategy.paid_boost_per_day / price / len(posts)
            total_act = sum(p.activity for p in self.people)
            paid = [[p for p in self.people if rnd.random() < min(1.0, per_post * p.activity / total_act)] for _ in posts]
            self.today["cost_paid"] = cfg.strategy.paid_boost_per_day
        saw_page: set[Person] = set()
        for kind, own, found, bought in zip(posts, organic, recommended, paid):
            seen = set(own)
            found = [p for p in found if p not in seen]
            seen.update(found)
            bought = [p for p in bought if p not in seen]
            seen.update(bought)
            bought_set = set(bought)
            extra = cfg.service.promo_over_complaints * self.content[kind].promo_weight
            decay = self.content[kind].cascade_decay
            sharers, engagers = [], []
            for p in own + found + bought:
                engaged, shared = self.view(p, kind, extra, 1.0, pf.ad_trust_learning if p in bought_set else 1.0)
                (sharers if shared else engagers if engaged else []).append(p)
            cascade, hop = 0, 1
            while sharers or (hop == 1 and engagers):
                heard = [t for s_ in sharers for t in s_.ties if rnd.random() < pf.share_visibility]
                if hop == 1:  # ties of those who engaged without sharing: "a friend liked this"
                    heard += [t for e in engagers for t in e.ties if rnd.random() < pf.engagement_visibility]
                reached = sorted({t for t in heard if t not in seen}, key=lambda p: p.unique_id)
                seen.update(reached)
                cascade += len(reached)
                scale = decay ** (hop - 1)
                sharers = [p for p in reached if self.view(p, kind, extra, scale)[1]]
                if decay <= 0:
                    break
                hop += 1
            saw_page |= seen
            self.today["organic_impressions"] += len(own)
            self.today["recommended_impressions"] += len(found)
            self.today["paid_impressions"] += len(bought)
            self.today["share_impressions"] += cascade
            self.today["cascade_size_max"] = max(self.today["cascade_size_max"], cascade)
        self.visitors = [p for p in sorted(saw_page, key=lambda p: p.unique_id) if p.follows]
        for p in self.visitors:  # followers who saw the page today judge how often it posts
            if rate > p.tolerance:
                p.annoyance_overposting += cfg.reactions.overposting_dose * (rate - p.tolerance)

    def view(self, p: Person, kind: str, extra: float, scale: float, learning: float = 1.0) -> tuple[bool, bool]:
        """One person sees one post (``learning`` < 1 for an ad); returns whether they engaged and whether they shared it."""
        t, cfg = self.content[kind], self.cfg
        engaged, shared, negative = p.react(kind, extra, scale, learning)
        self.today["impressions"] += 1
        self.today["negative_feedback"] += negative
        self.today["shares"] += shared
        if engaged:
            self.today["engagements"] += 1
            self.today["follower_engagements"] += p.follows
            if not p.follows:
                if t.requires_follow and p.entrant:
                    self.requests[p] = True
                elif self.rnd.random() < cfg.reactions.follow_on_engage:
                    self.requests.setdefault(p, False)
            if self.rnd.random() < t.conversion * p.trust / 0.5:
                self.first_purchase(p, self.requests)
                self.sell(t.discount)
        return engaged, shared

    def first_purchase(self, p: Person, requests: dict) -> None:
        """A purchase; a first-time buyer may look the page up."""
        if not p.customer and self.cfg.strategy.has_page and self.rnd.random() < self.cfg.follows.follow_on_purchase:
            requests.setdefault(p, False)
        p.customer = True

    def sell(self, discount: float) -> None:
        e = self.cfg.economy
        self.today["sales"] += 1
        self.today["revenue"] += e.price * (1 - discount)
        self.today["gross_profit"] += e.price * (1 - discount) - e.price * (1 - e.margin)

    # -- complaints -------------------------------------------------------------------

    def covered_time(self, t: float) -> float:
        week, rest = divmod(t, 168)
        h = int(rest)
        return week * self.per_week + sum(self.mask[:h]) + self.mask[h] * (rest - h)

    def clock_time(self, s: float) -> float:
        week, rest = divmod(s, self.per_week)
        covered = 0
        for h in range(168):
            if self.mask[h] and covered + 1 > rest:
                return week * 168 + h + (rest - covered)
            covered += self.mask[h]
        return (week + 1) * 168

    def staff_desk(self, expected_per_day: float) -> None:
        """Staff, agents and the time an answer takes; "auto" sizes the desk to the expected complaints (the model's rule)."""
        sv = self.cfg.service
        if sv.staff != "auto":
            self.staff = sv.staff
        else:
            self.staff = auto_staff(sv, expected_per_day)
        # whole people answer at full speed; a fraction of a person is one more, slower agent
        whole = math.floor(self.staff + 1e-9)
        part = self.staff - whole if self.staff - whole > 1e-9 else 0.0
        if self.staff <= 0 or sv.answers_per_staff_hour <= 0 or self.per_week == 0:
            self.answer_time = [math.inf]
        else:
            self.answer_time = [1.0 / sv.answers_per_staff_hour] * whole + ([1.0 / (part * sv.answers_per_staff_hour)] if part else [])
        self.agents_at_desk = len(self.answer_time)

    def queue_complaints(self) -> None:
        """The day's new complaints, in the order they were raised: answer (FIFO at the desk), ignore or delete."""
        cfg, rnd, sv = self.cfg, self.rnd, self.cfg.service
        has_page = cfg.strategy.has_page
        if self.day % 7 == 0 and self.day > 0 and sv.staff == "auto":  # Mondays: sized again to last week's complaints
            self.staff_desk(statistics.fmean(self.desk_arrivals))
            busy = sorted(self.desk_free_at)[-self.agents_at_desk:]
            now = self.covered_time(self.day * 24.0)
            self.desk_free_at = [now] * (self.agents_at_desk - len(busy)) + [max(t, now) for t in busy]
        arrived = 0
        fresh = {p for _, p in self.new_complaints}
        self.new_complaints = [(o, p, False) for o, p in self.new_complaints]
        self.new_complaints += [(self.day * 24 + 24 * rnd.random(), p, True) for p in self.reposting
                                if has_page and p.complaint is None and p not in fresh]
        self.new_complaints.sort(key=lambda x: x[0])
        for opened, p, repost in self.new_complaints:
            on_page = (p.follows or repost) and has_page
            if not repost:  # a repost is no new problem
                p.trust_change -= sv.problem_trust_hit
            v0, v1 = rnd.random(), rnd.random()
            seen = on_page or (has_page and v1 < sv.monitors_elsewhere)
            outcome, due = IGNORE if seen else UNHEARD, opened + sv.give_up_days * 24
            if seen and v0 < sv.answer_share and math.isfinite(min(self.answer_time)):
                arrived += 1
                start = self.covered_time(opened)
                ends = [max(free, start) + t for free, t in zip(self.desk_free_at, self.answer_time)]
                agent = min(range(len(ends)), key=ends.__getitem__)  # the agent who would finish first
                finish = ends[agent]
                answered_at = self.clock_time(finish)
                if answered_at - opened <= sv.give_up_days * 24:  # else the complainer gives up and takes no desk time
                    self.desk_free_at[agent] = finish
                    outcome, due = ANSWER, answered_at
            elif on_page and sv.answer_share <= v0 < sv.answer_share + sv.delete_share:
                outcome, due = DELETE, opened
            p.complaint = {"opened": opened, "due": due, "outcome": outcome, "on_page": on_page, "viewers": set(), "repost": repost}
        self.today["complaints_raised"] = len(self.new_complaints)
        covered_today = sum(self.mask[(self.day % 7) * 24:(self.day % 7 + 1) * 24])
        self.desk_arrivals.append(arrived)
        self.today["staff_hours"] = covered_today * self.staff
        self.today["cost_staff"] = covered_today * self.staff * sv.wage_per_hour

    def read_threads(self) -> None:
        """Today's visitors read the page's discussion: each sees each open complaint thread with chance
        comments_read / (threads + comments a day, averaged over discussion_days)."""
        sv = self.cfg.service
        threads = [p for p in self.people if p.complaint and p.complaint["on_page"]]
        today = len(threads) + sv.comment_share * self.today["engagements"]
        self.discussion = today if self.discussion is None else self.discussion + (today - self.discussion) / max(sv.discussion_days, 1)
        if not threads or not self.visitors or sv.comments_read <= 0:
            return
        chance = min(1.0, sv.comments_read / max(self.discussion, len(threads)))
        for p in self.visitors:
            for owner in threads:
                if self.rnd.random() < chance and p is not owner and p not in owner.complaint["viewers"]:
                    owner.complaint["viewers"].add(p)
                    p.threads_seen.add(owner)
                    self.today["thread_sightings"] += 1

    def onlookers_judge(self) -> None:
        """Those who saw a thread resolved today judge how it was treated, and forget it."""
        for owner, score, viewers in self.resolved_threads:
            for p in sorted(viewers, key=lambda p: p.unique_id):
                p.trust_change += self.cfg.service.onlooker_effect * (self.cfg.service.onlooker_score_problem + score)
                p.threads_seen.discard(owner)
                self.today["onlookers"] += 1

    # -- word of mouth, reach, follows, sales, record ------------------------------------------------

    def word_of_mouth(self) -> None:
        w, rnd = self.cfg.word_of_mouth, self.rnd
        by_id = lambda people: sorted(set(people), key=lambda p: p.unique_id)  # noqa: E731  (a set's order is not reproducible)
        talk_pos, talk_neg = by_id(self.talk_positive), by_id(self.talk_negative)
        heard: dict[Person, list[int]] = {}
        for tellers, reach, sign in ((talk_pos, w.reach_positive, 0), (talk_neg, w.reach_negative, 1)):
            for teller in tellers:
                for tie in teller.ties:
                    if rnd.random() < reach:
                        heard.setdefault(tie, [0, 0])[sign] += 1
        for p, (pos, neg) in heard.items():
            p.trust_change += w.trust_effect * (pos - neg)
            if self.cfg.strategy.has_page and pos and not p.follows and rnd.random() < 1 - (1 - w.follow_on_positive) ** pos:
                self.requests.setdefault(p, False)
        self.today["wom_positive"], self.today["wom_negative"] = len(talk_pos), len(talk_neg)

    def reach_from_quality(self) -> float:
        """Reach saturates toward reach_headroom times reach_base as the quality score rises."""
        pf = self.cfg.platform
        x, h = (max(self.quality, 0) / pf.quality_ref) ** pf.reach_elasticity, pf.reach_headroom
        return clip(pf.reach_base * h * x / (h - 1 + x) / self.competition, pf.reach_min, pf.reach_max)

    def update_reach(self) -> None:
        pf, t = self.cfg.platform, self.today
        self.posted.append(int(t["posts"]))
        if t["impressions"] > 0:
            score = (t["engagements"] - pf.negative_weight * t["negative_feedback"] + pf.quality_prior * self.quality) / (t["impressions"] + pf.quality_prior)
            self.quality += (score - self.quality) / pf.quality_memory
        self.competition *= 1 + pf.competition_growth
        self.reach = self.reach_from_quality()

    def accept_follows(self) -> None:
        """Today's follow requests, except from those who left today."""
        for p, hunter in self.requests.items():
            if not p.follows and p not in self.leavers:
                p.follows, p.hunter = True, hunter
                self.today["follows"] += 1

    @staticmethod
    def reporters() -> dict:
        """DataCollector reporters: the day's counts, and the state read off the people."""
        def rate(m, count):
            t = m.today
            per_post = max(m.followers + t["unfollows"] - t["follows"], 1) * max(t["posts"], 1)
            return t[count] / per_post if t["posts"] else math.nan

        state = {
            "followers": lambda m: m.followers,
            "trust_followers": lambda m: statistics.fmean([p.trust for p in m.agents if p.follows] or [math.nan]),
            "trust_market": lambda m: statistics.fmean(p.trust for p in m.agents),
            "advocates": lambda m: sum(p.trust > 0.7 for p in m.agents) / len(m.agents),
            "detractors": lambda m: sum(p.trust < 0.3 for p in m.agents) / len(m.agents),
            "hunters": lambda m: sum(p.hunter for p in m.agents),
            "open_complaints": lambda m: sum(p.complaint is not None for p in m.agents),
            "quality_score": lambda m: m.quality,
            "reach_fraction": lambda m: m.reach,
            "organic_reach": lambda m: rate(m, "organic_impressions"),
            "interaction_rate": lambda m: rate(m, "follower_engagements"),
            "engagement_per_impression": lambda m: m.today["engagements"] / m.today["impressions"] if m.today["impressions"] else math.nan,
            "customers": lambda m: sum(p.customer for p in m.agents),
            "customer_equity": lambda m: math.nan,  # a closed-form sum, not a per-person rule: not compared
            "purchase_index": lambda m: math.nan,
            "cost_per_answer": lambda m: (m.today["cost_staff"] / answered if (answered := m.today["complaints_answered_in_time"]
                                                                                 + m.today["complaints_answered_late"]) else math.nan),
        }
        return {name: state.get(name, lambda m, name=name: m.today[name]) for name in COLUMNS}


def run(scenario, seed: int) -> dict:
    """One oracle run: the same summary as ``sim.run(...).summary``."""
    st = scenario.strategy
    if st.calendar is not None or st.posts_growth or st.fan_acquisition:
        raise NotImplementedError("the oracle covers fixed mixes: no calendars, posting growth or bought fans")
    model = OracleModel(scenario, seed)
    for _ in range(scenario.simulation.days):
        model.step()
    return summarize(model.datacollector.get_model_vars_dataframe())


if __name__ == "__main__":
    import argparse
    import json
    import time

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("scenario")
    ap.add_argument("--people", type=int, default=1000)
    ap.add_argument("--days", type=int, default=60)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    sc = sim.load(a.scenario).with_overrides(**{"market.people": a.people, "simulation.days": a.days})
    start = time.perf_counter()
    print(json.dumps(run(sc, a.seed), indent=2))
    print(f"{a.people * a.days / (time.perf_counter() - start):,.0f} person-days/s", file=sys.stderr)
