//! A small pool of std threads that works through the URLs with at most
//! `per_host` requests in flight to one host and at least `interval` between
//! the starts of two requests to the same host.

use std::collections::VecDeque;
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

/// How the pool spreads the work.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub workers: usize,
    pub per_host: usize,
    pub interval: Duration,
}

struct HostQueue {
    host: String,
    pending: VecDeque<usize>,
    in_flight: usize,
    next_start: Instant,
}

struct State {
    hosts: Vec<HostQueue>,
    done: usize,
}

impl State {
    fn is_empty(&self) -> bool {
        self.hosts.iter().all(|host| host.pending.is_empty())
    }

    /// The next job that may start now, or when the next one may.
    fn take(&mut self, now: Instant, limits: &Limits) -> Result<(usize, usize), Option<Instant>> {
        let mut earliest: Option<Instant> = None;
        for (index, host) in self.hosts.iter_mut().enumerate() {
            if host.pending.is_empty() || host.in_flight >= limits.per_host {
                continue;
            }
            if host.next_start <= now {
                let job = host.pending.pop_front().expect("not empty");
                host.in_flight += 1;
                host.next_start = now + limits.interval;
                return Ok((index, job));
            }
            earliest = Some(earliest.map_or(host.next_start, |at: Instant| at.min(host.next_start)));
        }
        Err(earliest)
    }
}

/// Frees a job's slot on its host when the job ends, even by a panic.
struct Finish<'a> {
    state: &'a Mutex<State>,
    wake: &'a Condvar,
    host: usize,
}

impl Drop for Finish<'_> {
    fn drop(&mut self) {
        let mut guard = self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        guard.hosts[self.host].in_flight -= 1;
        drop(guard);
        self.wake.notify_all();
    }
}

/// Runs `work` on every item (grouped by `host_of`), and returns the results in
/// the items' order. `progress` hears `(done, total)` after each item.
pub fn run<T, R>(
    items: &[T],
    host_of: impl Fn(&T) -> String,
    limits: Limits,
    work: impl Fn(&T) -> R + Sync,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Vec<R>
where
    T: Sync,
    R: Send,
{
    let total = items.len();
    let mut hosts: Vec<HostQueue> = Vec::new();
    let start = Instant::now();
    for (index, item) in items.iter().enumerate() {
        let host = host_of(item);
        match hosts.iter_mut().find(|queue| queue.host == host) {
            Some(queue) => queue.pending.push_back(index),
            None => hosts.push(HostQueue {
                host,
                pending: VecDeque::from([index]),
                in_flight: 0,
                next_start: start,
            }),
        }
    }
    let state = Mutex::new(State { hosts, done: 0 });
    let wake = Condvar::new();
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..total).map(|_| None).collect());
    let limits = Limits {
        workers: limits.workers.max(1),
        per_host: limits.per_host.max(1),
        interval: limits.interval,
    };
    std::thread::scope(|scope| {
        for _ in 0..limits.workers.min(total) {
            scope.spawn(|| {
                loop {
                    let (host, job) = {
                        let mut guard = state.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                        loop {
                            if guard.is_empty() {
                                return;
                            }
                            let now = Instant::now();
                            match guard.take(now, &limits) {
                                Ok(taken) => break taken,
                                Err(Some(at)) => {
                                    guard = wake
                                        .wait_timeout(guard, at.saturating_duration_since(now))
                                        .unwrap_or_else(|poisoned| poisoned.into_inner())
                                        .0;
                                }
                                Err(None) => {
                                    // Every host with work is at its limit: wait for a job to end.
                                    guard = wake.wait(guard).unwrap_or_else(|poisoned| poisoned.into_inner());
                                }
                            }
                        }
                    };
                    let finish = Finish {
                        state: &state,
                        wake: &wake,
                        host,
                    };
                    let result = work(&items[job]);
                    results.lock().unwrap_or_else(|poisoned| poisoned.into_inner())[job] = Some(result);
                    drop(finish);
                    let done = {
                        let mut guard = state.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                        guard.done += 1;
                        guard.done
                    };
                    progress(done, total);
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .into_iter()
        .map(|result| result.expect("every job ran"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn per_host_concurrency_and_interval_hold() {
        let items: Vec<(char, usize)> = (0..6).map(|n| ('a', n)).chain((0..6).map(|n| ('b', n))).collect();
        let in_flight_a = AtomicUsize::new(0);
        let max_a = AtomicUsize::new(0);
        let starts_a = Mutex::new(Vec::new());
        let progressed = AtomicUsize::new(0);
        let limits = Limits {
            workers: 6,
            per_host: 2,
            interval: Duration::from_millis(20),
        };
        let results = run(
            &items,
            |item| item.0.to_string(),
            limits,
            |item| {
                if item.0 == 'a' {
                    starts_a.lock().unwrap().push(Instant::now());
                    let now = in_flight_a.fetch_add(1, Ordering::SeqCst) + 1;
                    max_a.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(30));
                    in_flight_a.fetch_sub(1, Ordering::SeqCst);
                }
                item.1 * 10
            },
            &|done, total| {
                assert!(done <= total);
                progressed.fetch_add(1, Ordering::SeqCst);
            },
        );
        assert_eq!(results, [0, 10, 20, 30, 40, 50, 0, 10, 20, 30, 40, 50]);
        assert!(max_a.load(Ordering::SeqCst) <= 2);
        assert_eq!(progressed.load(Ordering::SeqCst), 12);
        // Six starts at least 20 ms apart span at least 100 ms (less the time a
        // busy machine may take between a job's start and its first line).
        let mut starts = starts_a.into_inner().unwrap();
        starts.sort();
        let span = starts[starts.len() - 1] - starts[0];
        assert!(span >= Duration::from_millis(60), "{span:?}");
    }

    #[test]
    fn nothing_to_do() {
        let results: Vec<u8> = run(
            &Vec::<u8>::new(),
            |_| String::new(),
            Limits {
                workers: 4,
                per_host: 1,
                interval: Duration::ZERO,
            },
            |_| 0,
            &|_, _| {},
        );
        assert!(results.is_empty());
    }
}
