#!/usr/bin/env python3
"""The same beta-VAE in PyTorch (Debian python3-torch), to measure Latent Explorer against.

Same model the project is asked to build: MLP encoder 784-512-256 -> (mu, logvar) in R^k,
decoder k-256-512-784 with Bernoulli (BCE) likelihood, KL to N(0, I) weighted by beta,
Adam lr 1e-3, batch 128. Reads IDX .gz files (MNIST / Fashion-MNIST format).

Prints one JSON line per epoch and a final summary line:
  {"epoch": e, "sec": s, "train_loss": ..., "test_recon": ..., "test_kl": ..., "test_neg_elbo": ...}
  {"summary": ..., "sec_per_epoch_median": ..., "decode_grid20_ms_median": ..., "peak_rss_mb": ...}

Beyond the original it also times a 32 x 32 grid and encoding 10,000 images, and reports the
process's peak resident memory, so every figure of `latent-explorer bench` has a counterpart.
"""
import argparse, gzip, json, math, resource, struct, statistics, time

import torch
import torch.nn as nn
import torch.nn.functional as F


def read_idx_images(path):
    opener = gzip.open if open(path, "rb").read(2) == b"\x1f\x8b" else open
    with opener(path, "rb") as f:
        magic, n, rows, cols = struct.unpack(">IIII", f.read(16))
        assert magic == 2051, f"bad magic {magic} in {path}"
        data = f.read(n * rows * cols)
    t = torch.frombuffer(bytearray(data), dtype=torch.uint8).reshape(n, rows * cols)
    return t.float() / 255.0


class VAE(nn.Module):
    def __init__(self, latent=2, h1=512, h2=256, d=784):
        super().__init__()
        self.e1, self.e2 = nn.Linear(d, h1), nn.Linear(h1, h2)
        self.mu, self.lv = nn.Linear(h2, latent), nn.Linear(h2, latent)
        self.d1, self.d2, self.d3 = nn.Linear(latent, h2), nn.Linear(h2, h1), nn.Linear(h1, d)

    def encode(self, x):
        h = F.relu(self.e2(F.relu(self.e1(x))))
        return self.mu(h), self.lv(h)

    def decode_logits(self, z):
        return self.d3(F.relu(self.d2(F.relu(self.d1(z)))))

    def forward(self, x):
        mu, lv = self.encode(x)
        z = mu + torch.exp(0.5 * lv) * torch.randn_like(mu)
        return self.decode_logits(z), mu, lv


def terms(model, x):
    logits, mu, lv = model(x)
    recon = F.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(1)
    kl = 0.5 * (mu.pow(2) + lv.exp() - 1.0 - lv).sum(1)
    return recon, kl


@torch.no_grad()
def evaluate(model, xs, bs=1000):
    r = k = 0.0
    for i in range(0, len(xs), bs):
        rec, kl = terms(model, xs[i:i + bs])
        r += rec.sum().item(); k += kl.sum().item()
    n = len(xs)
    return r / n, k / n


@torch.no_grad()
def iwae_nll(model, xs, k=100):
    """-log p(x) estimated by importance sampling with k samples from q(z|x) (Burda et al.)."""
    total = 0.0
    for x in xs.split(100):
        mu, lv = model.encode(x)
        std = torch.exp(0.5 * lv)
        eps = torch.randn(k, *mu.shape)
        z = mu + std * eps                              # k,b,L
        logits = model.decode_logits(z)                 # k,b,784
        log_px_z = -F.binary_cross_entropy_with_logits(logits, x.expand(k, -1, -1), reduction="none").sum(-1)
        log_pz = (-0.5 * z.pow(2) - 0.5 * math.log(2 * math.pi)).sum(-1)
        log_qz = (-0.5 * eps.pow(2) - 0.5 * math.log(2 * math.pi) - 0.5 * lv).sum(-1)
        w = log_px_z + log_pz - log_qz
        total += -(torch.logsumexp(w, 0) - math.log(k)).sum().item()
    return total / len(xs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", required=True)
    ap.add_argument("--test", required=True)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--beta", type=float, default=1.0)
    ap.add_argument("--latent", type=int, default=2)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--limit", type=int, default=0, help="use only the first N training images")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeats", type=int, default=200, help="timed calls per grid size")
    ap.add_argument("--no-iwae", dest="iwae", action="store_false", help="skip the IWAE estimate")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    xtr, xte = read_idx_images(a.train), read_idx_images(a.test)
    if a.limit:
        xtr = xtr[:a.limit]
    model = VAE(latent=a.latent)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    secs = []
    for ep in range(1, a.epochs + 1):
        t0 = time.perf_counter()
        perm = torch.randperm(len(xtr))
        tot = 0.0
        for i in range(0, len(xtr), a.batch):
            x = xtr[perm[i:i + a.batch]]
            rec, kl = terms(model, x)
            loss = (rec + a.beta * kl).mean()
            opt.zero_grad(); loss.backward(); opt.step()
            tot += loss.item() * len(x)
        sec = time.perf_counter() - t0
        secs.append(sec)
        r, k = evaluate(model, xte)
        print(json.dumps({"epoch": ep, "sec": round(sec, 3), "train_loss": round(tot / len(xtr), 3),
                          "test_recon": round(r, 3), "test_kl": round(k, 3), "test_neg_elbo": round(r + k, 3)}), flush=True)
    decode_ms = {}
    with torch.no_grad():
        for steps in (20, 32):
            g = torch.linspace(-5, 5, steps)
            z = torch.stack(torch.meshgrid(g, g, indexing="ij"), -1).reshape(-1, 2)
            if a.latent > 2:
                z = torch.cat([z, torch.zeros(len(z), a.latent - 2)], 1)
            ts = []
            for i in range(a.repeats + 20):
                t0 = time.perf_counter(); torch.sigmoid(model.decode_logits(z)); ts.append(time.perf_counter() - t0)
            decode_ms[steps] = 1000 * statistics.median(ts[20:])
        enc = torch.cat([xte, xtr])[:10000]
        ts = []
        for i in range(7):
            t0 = time.perf_counter(); model.encode(enc); ts.append(time.perf_counter() - t0)
        encode_ms = 1000 * statistics.median(ts[2:])
    r, k = evaluate(model, xte)
    print(json.dumps({"summary": True, "epochs": a.epochs, "beta": a.beta, "threads": a.threads,
                      "sec_per_epoch_median": round(statistics.median(secs), 3),
                      "train_samples_per_second": round(len(xtr) / statistics.median(secs), 1),
                      "test_neg_elbo": round(r + k, 3), "test_recon": round(r, 3), "test_kl": round(k, 3),
                      "iwae100_nll_first1000": round(iwae_nll(model, xte[:1000]), 3) if a.iwae else None,
                      "decode_grid20_ms_median": round(decode_ms[20], 3),
                      "decode_grid32_ms_median": round(decode_ms[32], 3),
                      "encode_images": len(enc), "encode_ms_median": round(encode_ms, 3),
                      "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}), flush=True)


if __name__ == "__main__":
    main()
