"""The audience model: one day of MODEL.md §3 per Mesa step."""

from __future__ import annotations

import mesa
import numpy as np
import pandas as pd

from . import exposure, follows, reactions, sales, service, word_of_mouth
from .brand import Brand
from .content import ContentTypes
from .draws import bernoulli_indices
from .exposure import Exposure, expose
from .graph import market_graph
from .indices import sort, union
from .measures import COST_PARTS, HEADLINE, DailyRecord, Measures, summarize
from .people import People
from .platform import Platform, audience_quality
from .threads import Threads
from .trust import TrustLedger

# One random stream per kind of decision. Streams that do not depend on the
# strategy (the market, the graph, who has a problem when, who buys out of
# loyalty, who lapses, who enters prize draws) are drawn in full every day, so two strategies run with the same
# seed face the same people and the same events (common random numbers).
STREAMS = ("market", "graph", "problems", "loyalty", "brand", "feed", "reactions", "desk", "talk", "follows", "lapse", "entrants")


class AudienceModel(mesa.Model):
    """A brand's page, its market of people (as columns), and the platform between them."""

    def __init__(self, scenario=None, seed: int | None = None, record_complaints: bool = False, rng=None,
                 people: int | None = None, **dotted):
        """``scenario``: a Scenario, a path or a dict (default: the scenario defaults); ``dotted`` keys over it, as
        Mesa's batch_run passes them (``**{"platform.reach_base": 0.1}``); ``rng``: batch_run's seed; ``people``: the
        same brand in a market of this size, its extensive settings scaled with it as ``sim.run(people=...)`` scales
        them (``market.people`` among the dotted keys sets the size alone)."""
        from ..runner import resolve

        scenario = resolve(scenario if scenario is not None else {}, people=people, overrides=dotted)
        seed = seed if seed is not None else rng if isinstance(rng, (int, np.integer)) else scenario.simulation.seed
        super().__init__(rng=seed)
        self.summary: dict | None = None  # the headline figures, once the horizon is reached
        self.plan = scenario  # the scenario as written, timeline included (Mesa keeps "scenario" for its own)
        self.config = scenario.during(0)  # as it holds today
        self._holding = ()  # the timeline entries that hold today
        scenario = self.config
        self.day = 0
        self.streams = dict(zip(STREAMS, map(np.random.default_rng, np.random.SeedSequence(seed).spawn(len(STREAMS)))))
        self.content = ContentTypes(scenario.content)
        self.people = People.create(scenario, self.streams["market"], self.streams["entrants"])
        m = scenario.market
        self.graph = market_graph(m.people, m.mean_degree, m.degree_tail, m.max_ties, seed, self.streams["graph"])
        self.brand = Brand(self, scenario.strategy, self.content)
        start = None
        if scenario.platform.start_quality == "audience" and scenario.strategy.has_page:
            start = audience_quality(self.people, self.content, scenario.strategy, scenario.reactions, scenario.platform.negative_weight)
        self.platform = Platform(self, scenario.platform, start)
        self.desk = service.Desk(scenario.service, expected_per_day=service.expected_complaints(self.people, scenario))
        self.follow_book = follows.FollowBook()
        self.ledger = TrustLedger(self.people)
        self.threads = Threads(self.people)
        self.measures = Measures()
        self.trust_at_start = float(self.people.trust.mean(dtype=np.float64))  # the market before anything happens
        self.customers_at_start = int(self.people.customer.sum())
        self.equity_at_start = sales.equity(self.people, scenario.economy)  # (customer equity, purchase index) on day 0
        self.valuations_at_start = self.valuations()  # with weaker, stronger links to trust, and trust left to fade
        self.complaint_log: list[dict] | None = [] if record_complaints else None  # resolved complaints, day by day
        self.followers = np.flatnonzero(self.people.follows)  # index of followers, kept by FollowBook.resolve
        follows.wind_clocks(self.people, self.followers, self.streams["follows"])
        self._visitors = np.empty(0, np.int64)  # followers who saw a post today (they read the page's threads)
        self._seen = np.zeros(m.people, dtype=np.bool_)
        self._complaint_talk = (self._visitors, self._visitors)  # complainers who talk today
        self._reposts = None  # complainers whose deleted complaint comes back today
        self.datacollector = DailyRecord()

    def step(self) -> None:
        """One day, in the order of MODEL.md §3.

        Trust changes, follows and unfollows are requested by every process
        and applied once (after word of mouth, and at the end of the day), so
        the order of steps 2-7 cannot decide an outcome; the unfollows,
        purchases and lapses of steps 9-10 act on the day's settled trust.
        """
        self.measures.start_day(self.day)
        self.follow_timeline()                                              #    the scenario's timeline: what holds today
        posts = self.brand.posts(self.day, self.streams["brand"])         # 1. brand posts
        self.buy_fans()                                                     #    and its campaigns buy followers
        self.show(posts)                                                    # 2-4. platform distributes, viewers react, shares spread
        self.handle_complaints()                                            # 5-6. problems arise, the desk answers
        self.talk()                                                         # 7. word of mouth
        self.ledger.settle()                                                #    the day's trust changes land
        self.update_reach()                                                 # 8. reach feedback
        self.resolve_follows()                                              # 9. follow and unfollow
        self.buy()                                                          # 10. sales, lapses and costs
        self.measures.close_day(self.people, self.followers, self.desk, self.platform, self.config.word_of_mouth)  # 11. record
        self.value_customers()
        if self.day == self.plan.simulation.days - 1:
            self.summarize_run()
        self.datacollector.collect(self)
        self.day += 1
        self.running = self.day < self.plan.simulation.days  # the horizon: Mesa's batch_run stops here

    def summarize_run(self) -> None:
        """The headline figures on the last day, from the days recorded and today's."""
        days = {k: v for k, v in self.datacollector.model_vars.items() if k not in HEADLINE}
        daily = pd.DataFrame(days)
        daily = pd.concat([daily, pd.DataFrame([{k: self.measures.today[k] for k in days}])], ignore_index=True)
        at_end = self.valuations()
        self.summary = summarize(daily, self.equity_at_start[0],
                                 {name: (self.valuations_at_start[name], at_end[name]) for name in at_end},
                                 self.config.service.hours_per_full_time, self.trust_at_start,
                                 self.config.economy.discount_rate_per_year, self.customers_at_start,
                                 float(self.equity_at_start[1]))

    def valuations(self) -> dict[str, float]:
        """The market's customer equity valued other ways than trust held (``value_<name>`` in the summary): with
        weaker and stronger links of trust to money, and with trust left to return to its prior (the brand stops)."""
        cfg = self.config
        return sales.valuations(self.people, cfg.economy) | {
            "trust_fades": sales.fading_equity(self.people, cfg.economy, cfg.reactions.trust_forgetting)}

    # -- phases -------------------------------------------------------------

    def follow_timeline(self) -> None:
        """A crisis, a campaign or a switch of strategy written in the scenario's [[timeline]] starts or ends."""
        holding = tuple(i for i, c in enumerate(self.plan.timeline) if c.holds_on(self.day))
        if holding == self._holding:
            return
        self._holding = holding
        cfg = self.config = self.plan.during(self.day)
        self.content = ContentTypes(cfg.content)
        self.brand.adopt(cfg.strategy, self.content)
        self.platform.adopt(cfg.platform)
        self.desk.adopt(cfg.service, now=self.day * 24.0)

    def show(self, posts: np.ndarray) -> None:
        """Steps 2-4: followers, recommended and paid viewers react to each post; shares and engagements reach ties."""
        p, cfg, content = self.people, self.config, self.content
        making = float(content.production_hours[posts].sum())  # staff-hours to make today's posts
        self.measures.add(posts=posts.size, cost_prizes=float(content.prize[posts].sum()), content_hours=making,
                          cost_content=making * cfg.service.wage_per_hour)
        if posts.size == 0:
            return
        feed = self.streams["feed"]
        organic = self.platform.organic_viewers(posts.size, self.followers, p.activity, p.affinity, feed)
        recommended = self.platform.recommended_viewers(posts.size, p.follows, p.activity, feed)
        *paid, spent = self.platform.paid_viewers(cfg.strategy.paid_boost_per_day, posts.size, p.activity, feed)
        self.measures.add(cost_paid=spent)
        weights = np.stack([reactions.weights(content, cfg.reactions, k, cfg.service.promo_over_complaints * content.promo_weight[k])
                            for k in posts])  # viewers who saw an open complaint thread lose more trust to promotion
        ctx = reactions.context(p, content, cfg.reactions, self.day, cfg.follows.follow_on_purchase, cfg.strategy.has_page)
        day = expose(posts, organic, recommended, paid, weights, cfg.platform.ad_trust_learning, content.cascade_decay,
                     self.graph, cfg.platform.share_visibility, cfg.platform.engagement_visibility, self._seen, ctx,
                     self.streams["reactions"])
        self.ledger.touched(day.audience)
        self.follow_book.request(day.hunters, hunter=True)
        self.follow_book.request(day.joiners)
        for post, *counts in day.reactions.tolist():  # in order: revenue adds up as it always did
            self._count_reaction(dict(zip(Exposure.ROWS[1:], counts)), int(posts[post]))
        for counts in day.per_post.tolist():
            self.measures.add(**dict(zip(Exposure.PER_POST, counts)))
            self.measures.today["cascade_size_max"] = max(self.measures.today["cascade_size_max"], counts[3])
        self._visitors = exposure.visitors(day.audience, posts.size > 1, p.follows)
        self.feel_posting_rate(posts.size)

    def feel_posting_rate(self, n_posts: int) -> None:
        """Followers who saw the page today judge how often it posts (its posts a day over the last days),
        not how many of its posts reached them: each post a day beyond their tolerance annoys."""
        p = self.people
        exposure.feel_posting_rate(self._visitors, np.float32(self.platform.posting_rate(n_posts)), p.tolerance,
                                   np.float32(self.config.reactions.overposting_dose), p.annoyance_overposting)

    def buy_fans(self) -> None:
        """Campaign followers join with the day's other follows (step 9)."""
        fans = self.brand.acquire_fans(self.people, self.followers, self.streams["brand"])
        self.follow_book.request(fans)
        self.measures.add(cost_fans=fans.size * self.config.strategy.cost_per_fan)

    def _count_reaction(self, counts: dict, k: int) -> None:
        """An audience's measures (its sales at the post type's discount)."""
        n, revenue, profit = sales.money(counts.pop("sales"), self.content.discount[k], self.config.economy)
        self.measures.add(**counts, sales=n, revenue=revenue, gross_profit=profit)

    def handle_complaints(self) -> None:
        """Steps 5-6: customers' problems arise; today's visitors read the open threads on the page; due answers,
        silences and deletions land, and those who saw a thread judge how it was treated."""
        p, cfg = self.people, self.config
        self.desk.start_day(self.day)
        events = bernoulli_indices(self.streams["problems"], p.n, cfg.service.problem_rate)
        hours = 24.0 * self.streams["problems"].random(events.size)
        raised = service.raise_problems(p, self.day, cfg.service, cfg.strategy.has_page, self.desk, events, hours, self.ledger,
                                        self.streams["desk"], self._reposts)
        open_threads = sort(self.desk.pending[p.complaint_on_page[self.desk.pending]])
        comments = cfg.service.comment_share * self.measures.today["engagements"]
        sightings = self.threads.expose(self._visitors, open_threads, comments, cfg.service.comments_read,
                                        cfg.service.discussion_days, self.streams["desk"])
        done = service.resolve(p, self.desk, self.day, cfg.service, cfg.word_of_mouth, self.ledger, self.streams["desk"])
        onlookers = self.threads.close(done.threads, done.thread_score, cfg.service.onlooker_effect, self.ledger)
        if self.complaint_log is not None and done.log is not None:
            self.complaint_log.append({"day": self.day, **done.log})
        self._visitors = np.empty(0, np.int64)
        self._complaint_talk = (done.tell_positive, done.tell_negative)
        self._reposts = done.reposts  # tomorrow's
        paid_hours = self.desk.staff_hours(self.day)
        self.measures.add(
            complaints_raised=raised, complaints_answered_in_time=done.in_time, complaints_answered_late=done.late,
            complaints_ignored=done.ignored, complaints_deleted=done.deleted, complaints_unheard=done.unheard,
            thread_sightings=sightings, onlookers=onlookers,
            staff_hours=paid_hours, cost_staff=paid_hours * cfg.service.wage_per_hour,
            cost_listening=cfg.service.monitors_elsewhere * cfg.service.listening_cost_per_day * cfg.strategy.has_page,
        )

    def talk(self) -> None:
        """Step 7: complainers and opinionated customers talk to their ties."""
        cfg, rng = self.config, self.streams["talk"]
        pos, neg = word_of_mouth.chatter(self.people, cfg.word_of_mouth, rng)
        pos = union(pos, self._complaint_talk[0])
        neg = union(neg, self._complaint_talk[1])
        talk = word_of_mouth.spread(self.people, self.graph, pos, neg, cfg.word_of_mouth, cfg.strategy.has_page, self.ledger, rng)
        self.follow_book.request(talk.new_followers)
        self.measures.add(wom_positive=talk.positive, wom_negative=talk.negative)

    def update_reach(self) -> None:
        """Step 8: the platform scores today's engagement and sets tomorrow's reach."""
        t = self.measures.today
        self.platform.update(int(t["posts"]), t["engagements"], t["negative_feedback"], t["impressions"])

    def resolve_follows(self) -> None:
        """Step 9: today's follows and unfollows, with causes; then annoyance, irrelevance, grievance and affinity
        fade, and trust returns a little toward each person's prior."""
        cfg = self.config
        since = self.day - self.brand.last_prize_draw
        self.followers, n_in, n_out, causes = self.follow_book.resolve(
            self.people, self.followers, self.day, cfg.follows, since, self.streams["follows"])
        self.measures.add(follows=n_in, unfollows=n_out, **{f"unfollows_{c}": v for c, v in causes.items()})
        follows.fade(self.people, cfg.reactions)

    def look_up(self, first_time: np.ndarray, rng) -> None:
        """Some first-time buyers look the brand up and follow its page (tomorrow's follows, if today's are resolved)."""
        if self.config.strategy.has_page and first_time.size:
            self.follow_book.request(first_time[rng.random(first_time.size) < self.config.follows.follow_on_purchase])

    def buy(self) -> None:
        """Step 10: loyal purchases driven by trust; first-time buyers may look the page up; customers whose
        trust has fallen lapse; the day's costs add up."""
        n, revenue, profit, first_time = sales.loyalty(self.people, self.config.economy, self.streams["loyalty"])
        self.look_up(first_time, self.streams["follows"])
        lapsed = sales.lapse(self.people, self.config.economy, self.streams["lapse"])
        t = self.measures.today
        self.measures.add(sales=n, revenue=revenue, gross_profit=profit, lapses=lapsed)
        t["cost"] = sum(t[part] for part in COST_PARTS)
        answered = t["complaints_answered_in_time"] + t["complaints_answered_late"]
        t["cost_per_answer"] = t["cost_staff"] / answered if answered else np.nan

    def value_customers(self) -> None:
        """Customer equity and the purchase index, every four weeks and on the horizon's last day (a pass over
        the market; the run's value needs only the last)."""
        if self.day % 28 == 27 or self.day == self.plan.simulation.days - 1:
            t = self.measures.today
            t["customer_equity"], t["purchase_index"] = sales.equity(self.people, self.config.economy)
