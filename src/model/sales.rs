//! The sales model's state and event dispatch: [`SalesModel`] implements
//! [`engine::Model`](crate::engine::Model).
//!
//! State lives in flat vectors indexed by ids (people, deals, customers); the choices the
//! specification asks for are O(log n) through [`IndexedHeap`]s: the idle person idle longest,
//! the closer with the fewest open deals, the success manager with the fewest customers.

use std::collections::VecDeque;

use crate::engine::{Calendar, EventQueue, IdSet, IndexedHeap, Model, ShiftMemo, SimRng, SimTime};

use super::arrivals::Arrivals;
use super::config::{Activity, Config, Pool};
use super::customers::Customer;
use super::deals::{Deal, Slab};
use super::event::{Event, Subject};
use super::learning::EntryTables;
use super::metrics::{Ledger, Metrics};
use super::observe::Observer;
use super::people::{EntryInfo, Notice, Person, Seat};
use super::streams::{self, Streams};

/// A lead waiting in the shared queue, with its intrinsic draws.
#[derive(Debug, Clone, Copy)]
pub(crate) struct QueuedLead {
    pub(crate) arrival: SimTime,
    pub(crate) index: u64,
    /// Base work [working hours].
    pub(crate) work: f64,
    pub(crate) u_qualify: f64,
}

/// A finite outbound pool: accounts available to touch (round-robin) and touches per account.
#[derive(Debug, Clone, Default)]
pub(crate) struct Accounts {
    pub(crate) available: VecDeque<u32>,
    pub(crate) touches: Vec<u32>,
}

/// Open deals and live customers a replication makes room for at the start.
const OPEN_ITEMS_CAPACITY: usize = 256;

/// Room reserved when a person joins, by what the person may do, so that a replication starts
/// these lists past their first doublings: deals owned and the close queue for Close,
/// customers owned and the care queue for Care. (In a small team's year a closer holds a few
/// dozen open deals and a success manager a few hundred customers; the reserve is kept below
/// that, since it is paid for every person of a large organisation.)
const OWNED_DEALS_CAPACITY: usize = 32;
const CLOSE_QUEUE_CAPACITY: usize = 16;
const OWNED_CUSTOMERS_CAPACITY: usize = 64;
const CARE_QUEUE_CAPACITY: usize = 16;
/// Room in the shared lead queue at the start.
const LEAD_QUEUE_CAPACITY: usize = 64;

/// Keys of the idle sets: (idle since, id) — longest idle first, ties lowest id.
pub(crate) type IdleKey = (SimTime, u32);
/// Keys of the owner sets: (load, id) — least loaded first, ties lowest id.
pub(crate) type LoadKey = (u32, u32);

/// The whole state of one replication.
#[derive(Debug)]
pub(crate) struct SalesModel<'a> {
    pub(crate) cfg: &'a Config,
    pub(crate) cal: &'a Calendar,
    /// The calendar's shift under way, for fast [`Calendar::advance`]s.
    pub(crate) shift: ShiftMemo,
    pub(crate) streams: Streams,
    pub(crate) inbound_rng: SimRng,
    pub(crate) arrivals: Arrivals,
    /// The team's entries, then (if scouts can be promoted and the team has no Closer entry)
    /// a default Closer entry.
    pub(crate) entries: Vec<EntryInfo>,
    /// `learning[e]`: the Prospect learning tables of the scenario's team entry `e`, if it has
    /// any, looked up once per replication (the configuration cannot change during one); empty
    /// with [`TouchMode::PerEvent`](super::TouchMode::PerEvent), which never reads them.
    pub(crate) learning: Vec<Option<&'a EntryTables>>,
    pub(crate) role_names: Vec<String>,
    /// Everyone who ever joined, by id.
    pub(crate) people: Vec<Person>,
    /// Every seat, by id.
    pub(crate) seats: Vec<Seat>,
    /// Seats opened so far per entry.
    pub(crate) seats_per_entry: Vec<u32>,
    /// The entry promoted scouts join, if promotion is on and the team has scouts.
    pub(crate) promotion_entry: Option<u32>,
    /// The end of the run: nothing is scheduled at or after it.
    pub(crate) horizon: SimTime,
    /// Every idle person, unordered: a shift start sorts them by (idle since, id).
    pub(crate) idle_all: IdSet,
    /// Idle people who can do Inbound.
    pub(crate) idle_inbound: IndexedHeap<IdleKey>,
    /// Idle people who can Prospect (idle only when a finite pool is empty).
    pub(crate) idle_prospect: IndexedHeap<IdleKey>,
    /// Close-capable people by open deals.
    pub(crate) closers: IndexedHeap<LoadKey>,
    /// Care-capable people by customers.
    pub(crate) carers: IndexedHeap<LoadKey>,
    /// People whose first activity is Care, by customers.
    pub(crate) success: IndexedHeap<LoadKey>,
    pub(crate) leads: VecDeque<QueuedLead>,
    pub(crate) leads_arrived: u64,
    /// The next inbound arrival: drawn, not yet in `leads` (`None`: no more leads).
    pub(crate) next_arrival: Option<SimTime>,
    /// Whether a `LeadArrival` event is queued for `next_arrival`. With lazy arrivals it is
    /// only while someone who can take a lead is idle; otherwise the arrival is booked when
    /// somebody next looks at the lead queue ([`Self::catch_up_arrivals`]).
    pub(crate) arrival_queued: bool,
    /// Whether arrivals nobody can take are booked lazily (all modes but
    /// [`TouchMode::PerEvent`](super::TouchMode::PerEvent)).
    pub(crate) lazy_arrivals: bool,
    /// Arrivals booked without an event of their own (counted as events).
    pub(crate) late_arrivals: u64,
    /// Whether someone who can take a lead became idle during the event being handled.
    pub(crate) inbound_idled: bool,
    pub(crate) accounts: Option<Accounts>,
    pub(crate) meetings: u64,
    pub(crate) deals: Slab<Deal>,
    /// Tasks with a queue order (deal steps and care tasks) created so far: numbers them
    /// ([`next_task_number`](Self::next_task_number)).
    pub(crate) tasks_created: u64,
    /// Deals waiting for a Close-capable owner (none was employed when they needed one).
    pub(crate) unowned_deals: Vec<u32>,
    pub(crate) customers: Slab<Customer>,
    /// Customers (id, generation) waiting for a Care-capable owner; may hold churned ones.
    pub(crate) unowned_customers: Vec<(u32, u32)>,
    pub(crate) scratch: Vec<IdleKey>,
    pub(crate) metrics: Metrics,
    pub(crate) observer: Observer,
    /// The injected fault, if any: (activity, person or everyone, from, factor).
    pub(crate) fault: Option<(Activity, Option<u32>, SimTime, f64)>,
    pub(crate) ledger: Ledger,
    /// How lone prospectors' touches are simulated.
    pub(crate) touch_mode: super::TouchMode,
    /// Touches completed inline, without an event of their own (counted as events).
    pub(crate) inline_events: u64,
}

impl<'a> SalesModel<'a> {
    /// The state at `t = 0`: the initial team idle, initial customers assigned.
    pub(crate) fn new(
        cfg: &'a Config,
        seed: u64,
        replication: u32,
        options: &super::RunOptions,
    ) -> Self {
        let streams = Streams::new(seed, replication);
        let mut role_names: Vec<String> = Vec::new();
        let mut entries = Vec::with_capacity(cfg.team.len());
        for e in &cfg.team {
            let role = match role_names.iter().position(|n| *n == e.role.name) {
                Some(i) => i,
                None => {
                    role_names.push(e.role.name.clone());
                    role_names.len() - 1
                }
            };
            entries.push(EntryInfo::new(e, role as u32));
        }
        let promotion_entry = Self::promotion_entry(cfg, &mut entries, &mut role_names);
        let n = cfg.head_count() as usize;
        let w0 = SimTime::from_weeks(f64::from(cfg.warmup_weeks));
        let w1 = SimTime::from_weeks(f64::from(cfg.horizon_weeks));
        let accounts = match cfg.outbound.pool {
            Pool::Unlimited => None,
            Pool::Accounts(k) => Some(Accounts {
                available: (0..k as u32).collect(),
                touches: vec![0; k as usize],
            }),
        };
        let mut model = SalesModel {
            cfg,
            cal: &cfg.calendar,
            shift: ShiftMemo::new(),
            streams,
            inbound_rng: streams.source(streams::INBOUND),
            arrivals: Arrivals::new(
                cfg.inbound.leads_per_week,
                &cfg.inbound.profile,
                &cfg.calendar,
            ),
            metrics: Metrics::new(w0, w1, role_names.len()),
            observer: Observer::new(w0, w1, n, options.trace),
            fault: options.fault.map(|f| {
                let from = SimTime::from_weeks(f64::from(f.from_week));
                (f.activity, f.person, from, f.factor)
            }),
            seats_per_entry: vec![0; entries.len()],
            entries,
            // Per-event touches never read the tables: not built for them.
            learning: match options.touches {
                super::TouchMode::PerEvent => Vec::new(),
                _ => (0..cfg.team.len())
                    .map(|e| cfg.learning_tables.get(cfg, e))
                    .collect(),
            },
            role_names,
            // The initial team and as many hires again (back-fills) before a reallocation.
            people: Vec::with_capacity(2 * n),
            seats: Vec::with_capacity(n),
            promotion_entry,
            horizon: w1,
            idle_all: IdSet::new(n),
            idle_inbound: IndexedHeap::new(n),
            idle_prospect: IndexedHeap::new(n),
            closers: IndexedHeap::new(n),
            carers: IndexedHeap::new(n),
            success: IndexedHeap::new(n),
            leads: VecDeque::with_capacity(LEAD_QUEUE_CAPACITY),
            leads_arrived: 0,
            next_arrival: None,
            arrival_queued: false,
            lazy_arrivals: options.touches != super::TouchMode::PerEvent,
            late_arrivals: 0,
            inbound_idled: false,
            accounts,
            meetings: 0,
            // Room for the open deals and live customers of a small team's year (a few
            // hundred), so that a replication does not start by growing them step by step.
            deals: Slab::with_capacity(OPEN_ITEMS_CAPACITY),
            tasks_created: 0,
            unowned_deals: Vec::new(),
            customers: Slab::with_capacity(OPEN_ITEMS_CAPACITY),
            unowned_customers: Vec::new(),
            scratch: Vec::with_capacity(n),
            ledger: Ledger::default(),
            touch_mode: options.touches,
            inline_events: 0,
        };
        model.hire_initial_team();
        model.create_initial_customers();
        model
    }

    /// The entry promoted scouts join: the team's first Closer entry, or a default Closer
    /// entry added for them. `None` if nobody can be promoted.
    fn promotion_entry(
        cfg: &Config,
        entries: &mut Vec<EntryInfo>,
        role_names: &mut Vec<String>,
    ) -> Option<u32> {
        use super::config::RoleKind;
        let has_scouts = cfg
            .team
            .iter()
            .any(|e| e.role.kind == Some(RoleKind::Scout) && e.count > 0);
        if cfg.people.promote_scouts_after_months.is_none() || !has_scouts {
            return None;
        }
        if let Some(i) = entries
            .iter()
            .position(|e| e.kind == Some(RoleKind::Closer))
        {
            return Some(i as u32);
        }
        let name = RoleKind::Closer.name();
        let role = match role_names.iter().position(|n| n == name) {
            Some(i) => i,
            None => {
                role_names.push(name.to_string());
                role_names.len() - 1
            }
        };
        entries.push(EntryInfo::default_closer(role as u32));
        Some(entries.len() as u32 - 1)
    }

    /// Adds the initial team in entry order; everyone joins idle at `t = 0`.
    fn hire_initial_team(&mut self) {
        for (i, e) in self.cfg.team.iter().enumerate() {
            let experience = self.entries[i].initial_experience(e.initial_hours);
            for _ in 0..e.count {
                let seat = self.open_seat(i as u32);
                self.seats[seat as usize].holders += 1;
                self.join(seat, experience, SimTime::ZERO);
            }
        }
        if self.cfg.people.count_initial_hires {
            // Booked in the window although they join at t = 0 (SPEC §12).
            let n = self.people.len() as u64;
            self.metrics.hires += n;
            self.metrics.hiring_costs += n as f64 * self.cfg.people.hiring_cost;
        }
    }

    /// Opens a new seat of `entry` and returns its id.
    pub(crate) fn open_seat(&mut self, entry: u32) -> u32 {
        let ordinal = &mut self.seats_per_entry[entry as usize];
        self.seats.push(Seat {
            entry,
            ordinal: *ordinal,
            holders: 0,
        });
        *ordinal += 1;
        self.seats.len() as u32 - 1
    }

    /// A person joins `seat` at `now`, idle, and its tenure (and scout term) is drawn and
    /// scheduled by [`Self::schedule_tenure`].
    pub(crate) fn join(&mut self, seat: u32, experience: [f64; 4], now: SimTime) -> u32 {
        let entry = self.seats[seat as usize].entry;
        let id = self.people.len() as u32;
        let touch_rng = self
            .streams
            .item(streams::OUTBOUND, self.seats[seat as usize].tenure_key());
        let mut person = Person::new(entry, seat, experience, now, touch_rng);
        let can = self.entries[entry as usize].can;
        if can[Activity::Close.index()] {
            person.deals.reserve(OWNED_DEALS_CAPACITY);
            person.close_queue.reserve(CLOSE_QUEUE_CAPACITY);
        }
        if can[Activity::Care.index()] {
            person.customers.reserve(OWNED_CUSTOMERS_CAPACITY);
            person.care_queue.reserve(CARE_QUEUE_CAPACITY);
        }
        self.people.push(person);
        self.observer.add_person();
        let n = self.people.len();
        self.idle_all.grow(n);
        for heap in [&mut self.idle_inbound, &mut self.idle_prospect] {
            heap.grow(n);
        }
        for heap in [&mut self.closers, &mut self.carers, &mut self.success] {
            heap.grow(n);
        }
        self.enter_owner_sets(id);
        self.become_idle(id, now);
        id
    }

    /// Enters `p` in the owner sets its entry's activities allow, with its current load.
    pub(crate) fn enter_owner_sets(&mut self, p: u32) {
        let person = &self.people[p as usize];
        let info = &self.entries[person.entry as usize];
        let deals = (person.deals.len() as u32, p);
        let customers = (person.customers.len() as u32, p);
        if info.can[Activity::Close.index()] {
            self.closers.insert(p, deals);
        }
        if info.can[Activity::Care.index()] {
            self.carers.insert(p, customers);
        }
        if info.care_first {
            self.success.insert(p, customers);
        }
    }

    /// Takes `p` out of the owner sets: it gets no new deals or customers.
    pub(crate) fn leave_owner_sets(&mut self, p: u32) {
        self.closers.remove(p);
        self.carers.remove(p);
        self.success.remove(p);
    }

    /// Schedules what starts the run: the initial team's tenures (in id order), the first
    /// shift start (which wakes the initial team),
    /// the first lead, the first new account, and the initial customers' check-ins.
    pub(crate) fn schedule_initial(&mut self, queue: &mut EventQueue<Event>) {
        for p in 0..self.people.len() as u32 {
            self.schedule_tenure(p, SimTime::ZERO, queue);
        }
        queue.schedule(self.cal.next_on_shift(SimTime::ZERO), Event::ShiftStart);
        let first = self.arrivals.next_remembering(
            SimTime::ZERO,
            self.cal,
            &mut self.shift,
            &mut self.inbound_rng,
        );
        self.next_arrival = first;
        self.queue_arrival_if_needed(SimTime::ZERO, queue);
        if let Some(gap) = self.account_gap() {
            queue.schedule(SimTime::ZERO + gap, Event::AccountAdded);
        }
        for c in 0..self.customers.items.len() as u32 {
            let customer = &self.customers.items[c as usize];
            let event = Event::CheckInDue {
                customer: Subject::versioned(c, customer.generation),
            };
            queue.schedule(customer.next_due, event);
        }
    }

    /// Calendar hours between new accounts, if accounts are added at all.
    fn account_gap(&self) -> Option<f64> {
        let rate = self.cfg.outbound.new_accounts_per_week;
        (self.accounts.is_some() && rate > 0.0).then(|| crate::engine::time::HOURS_PER_WEEK / rate)
    }

    /// Marks `p` idle from `now` (its block ends) and enters it in the idle sets.
    pub(crate) fn become_idle(&mut self, p: u32, now: SimTime) {
        let person = &mut self.people[p as usize];
        person.idle_since = now;
        person.block = None;
        let key = (now, p);
        let can = self.entries[person.entry as usize].can;
        self.idle_all.insert(p);
        if can[Activity::Inbound.index()] {
            self.idle_inbound.insert(p, key);
            self.inbound_idled = true;
        }
        if can[Activity::Prospect.index()] {
            self.idle_prospect.insert(p, key);
        }
    }

    /// Takes `p` out of the idle sets (it starts a task).
    pub(crate) fn leave_idle(&mut self, p: u32) {
        self.idle_all.remove(p);
        self.idle_inbound.remove(p);
        self.idle_prospect.remove(p);
    }

    /// The creation number of a task being created now: a deal step
    /// ([`Deal::step_created`](super::deals::Deal::step_created)) or a care task
    /// ([`PendingCare::created`](super::customers::PendingCare::created)).
    ///
    /// SPEC §5.2 orders each queue by ready time, then creation order; a task handed over to
    /// another person's queue finds its place by this number. Steps and care tasks never share
    /// a queue, so separate counters would order them alike; one counter gives "creation
    /// order" one meaning, a single numbering of the tasks in the order they are created.
    pub(crate) fn next_task_number(&mut self) -> u64 {
        self.tasks_created += 1;
        self.tasks_created - 1
    }

    /// The Prospect learning tables of team entry `entry`, if it has any.
    pub(crate) fn learning_tables(&self, entry: usize) -> Option<&'a EntryTables> {
        self.learning.get(entry).copied().flatten()
    }

    /// New work for `p` is ready: if `p` is idle and on shift, it picks something up now.
    #[inline(always)]
    pub(crate) fn wake(&mut self, p: u32, now: SimTime, queue: &mut EventQueue<Event>) {
        if self.idle_all.contains(p) && self.shift.is_on_shift(self.cal, now) {
            self.try_start(p, now, queue);
        }
    }

    fn on_task_done(&mut self, p: u32, now: SimTime, queue: &mut EventQueue<Event>) {
        self.finish_task(p, now, queue);
        match self.people[p as usize].notice {
            Notice::None => {}
            Notice::Leave => return self.leave(p, now, queue),
            Notice::Promote => self.promote(p, now, queue),
        }
        if self.shift.is_on_shift(self.cal, now) && self.try_continue(p, now, queue) {
            return;
        }
        self.become_idle(p, now);
    }

    /// Idle people take work at a shift start, longest idle first (SPEC §12).
    fn on_shift_start(&mut self, now: SimTime, queue: &mut EventQueue<Event>) {
        if let Some(end) = self.cal.shift_end(now) {
            queue.schedule(self.cal.next_on_shift(end), Event::ShiftStart);
        }
        let mut order = std::mem::take(&mut self.scratch);
        order.clear();
        let people = &self.people;
        order.extend(
            self.idle_all
                .members()
                .iter()
                .map(|&p| (people[p as usize].idle_since, p)),
        );
        order.sort_unstable();
        for &(_, p) in &order {
            if self.idle_all.contains(p) {
                self.try_start(p, now, queue);
            }
        }
        self.scratch = order;
    }

    fn on_account_added(&mut self, now: SimTime, queue: &mut EventQueue<Event>) {
        if let Some(gap) = self.account_gap() {
            queue.schedule(now + gap, Event::AccountAdded);
        }
        let Some(accounts) = self.accounts.as_mut() else {
            return;
        };
        let id = accounts.touches.len() as u32;
        accounts.touches.push(0);
        accounts.available.push_back(id);
        if self.shift.is_on_shift(self.cal, now) {
            if let Some((_, p)) = self.idle_prospect.peek() {
                self.try_start(p, now, queue);
            }
        }
    }
}

impl Model for SalesModel<'_> {
    type Event = Event;

    fn handle(&mut self, now: SimTime, event: Event, queue: &mut EventQueue<Event>) {
        match event {
            Event::LeadArrival => self.on_lead_arrival(now, queue),
            Event::TaskDone { person } => self.on_task_done(person.id(), now, queue),
            Event::StepReady { deal } => {
                self.on_step_ready(deal.id(), deal.generation(), now, queue)
            }
            Event::CheckInDue { customer } => {
                self.on_checkin_due(customer.id(), customer.generation(), now, queue)
            }
            Event::ShiftStart => self.on_shift_start(now, queue),
            Event::AccountAdded => self.on_account_added(now, queue),
            Event::TenureEnds { person } => self.on_tenure_ends(person.id(), now, queue),
            Event::ScoutTermEnds { person } => self.on_scout_term_ends(person.id(), now, queue),
            Event::SeatFilled { seat } => self.on_seat_filled(seat.id(), now, queue),
        }
        if std::mem::take(&mut self.inbound_idled) {
            self.queue_arrival_if_needed(now, queue);
        }
    }
}
