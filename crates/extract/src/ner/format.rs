//! The on-disk format of the NER model (`data/models/ner.bin`), versioned and checksummed.
//!
//! Layout (little endian): magic `LEDENER\0`, format version `u32`, tag count `u32`, feature set
//! version `u32` (the features the weights were trained with), temperature `f32`, gazetteer text
//! (`u32` length + UTF-8), the stage-1 weight block, a `u32` flag and (if 1) the stage-2 weight
//! block. A weight block is: quantisation scale `f32`, transitions (`(NTAGS+1)^2` `f32`), row
//! count `u32`, then per row: key `u64`, a `u32` bit mask of the tags with a non-zero weight and
//! one `i16` per set bit (weight = value * scale). The file ends with the blake3 hash of
//! everything before it, so a truncated or corrupted file is refused.

use super::decode::{Weights, TSIDE};
use super::features::FEATURES_VERSION;
use super::tags::NTAGS;

pub const MAGIC: &[u8; 8] = b"LEDENER\0";
pub const VERSION: u32 = 3;
/// File name of the model inside the models folder.
pub const FILE_NAME: &str = "ner.bin";

/// Everything stored in a model file.
#[derive(Debug)]
pub struct ModelData {
    pub weights: Weights,
    /// Second stage over the first stage's tags ([`super::stack`]), if trained.
    pub stage2: Option<Weights>,
    pub temperature: f32,
    pub gazetteer: String,
}

fn write_block(out: &mut Vec<u8>, w: &Weights, prune: f32) {
    let max = w.rows.iter().fold(0f32, |a, &b| a.max(b.abs())).max(1e-9);
    let scale = max / 32767.0;
    out.extend_from_slice(&scale.to_le_bytes());
    for t in &w.trans {
        out.extend_from_slice(&t.to_le_bytes());
    }
    let count_at = out.len();
    out.extend_from_slice(&0u32.to_le_bytes());
    let mut count = 0u32;
    for (r, &key) in w.keys.iter().enumerate() {
        let row = &w.rows[r * NTAGS..(r + 1) * NTAGS];
        let mut mask = 0u32;
        let mut vals = Vec::new();
        for (t, &v) in row.iter().enumerate() {
            let q = (v / scale).round();
            if v.abs() >= prune && q != 0.0 {
                mask |= 1 << t;
                vals.push(q.clamp(-32767.0, 32767.0) as i16);
            }
        }
        if mask == 0 {
            continue;
        }
        count += 1;
        out.extend_from_slice(&key.to_le_bytes());
        out.extend_from_slice(&mask.to_le_bytes());
        for v in vals {
            out.extend_from_slice(&v.to_le_bytes());
        }
    }
    out[count_at..count_at + 4].copy_from_slice(&count.to_le_bytes());
}

/// Serialises a model, dropping weights whose magnitude is below `prune` and quantising the
/// rest to 16 bits.
pub fn encode(m: &ModelData, prune: f32) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&(NTAGS as u32).to_le_bytes());
    out.extend_from_slice(&FEATURES_VERSION.to_le_bytes());
    out.extend_from_slice(&m.temperature.to_le_bytes());
    out.extend_from_slice(&(m.gazetteer.len() as u32).to_le_bytes());
    out.extend_from_slice(m.gazetteer.as_bytes());
    write_block(&mut out, &m.weights, prune);
    match &m.stage2 {
        Some(w) => {
            out.extend_from_slice(&1u32.to_le_bytes());
            write_block(&mut out, w, prune);
        }
        None => out.extend_from_slice(&0u32.to_le_bytes()),
    }
    let hash = blake3::hash(&out);
    out.extend_from_slice(hash.as_bytes());
    out
}

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], String> {
        if self.pos + n > self.b.len() {
            return Err("unexpected end of file".into());
        }
        let s = &self.b[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }
    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }
    fn f32(&mut self) -> Result<f32, String> {
        Ok(f32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }
    fn u64(&mut self) -> Result<u64, String> {
        Ok(u64::from_le_bytes(
            self.take(8)?.try_into().expect("8 bytes"),
        ))
    }
    fn i16(&mut self) -> Result<i16, String> {
        Ok(i16::from_le_bytes(
            self.take(2)?.try_into().expect("2 bytes"),
        ))
    }

    fn block(&mut self) -> Result<Weights, String> {
        let scale = self.f32()?;
        let mut trans = Vec::with_capacity(TSIDE * TSIDE);
        for _ in 0..TSIDE * TSIDE {
            trans.push(self.f32()?);
        }
        let n = self.u32()? as usize;
        if n > self.b.len() {
            return Err("bad row count".into());
        }
        let mut keys = Vec::with_capacity(n);
        let mut rows = vec![0f32; n * NTAGS];
        for i in 0..n {
            keys.push(self.u64()?);
            let mask = self.u32()?;
            if mask >> NTAGS != 0 {
                return Err("bad tag mask".into());
            }
            for t in 0..NTAGS {
                if mask & (1 << t) != 0 {
                    rows[i * NTAGS + t] = self.i16()? as f32 * scale;
                }
            }
        }
        Ok(Weights::new(keys, rows, trans))
    }
}

/// Parses a model file, checking magic, version, tag count, feature set and checksum.
pub fn decode(bytes: &[u8]) -> Result<ModelData, String> {
    if bytes.len() < MAGIC.len() + 32 || &bytes[..8] != MAGIC {
        return Err("not a lede NER model (bad magic)".into());
    }
    let (body, hash) = bytes.split_at(bytes.len() - 32);
    if blake3::hash(body).as_bytes() != hash {
        return Err("checksum mismatch (file truncated or corrupted)".into());
    }
    let mut r = Reader { b: body, pos: 8 };
    let version = r.u32()?;
    if version != VERSION {
        return Err(format!(
            "model format version {version}, this build reads version {VERSION}: retrain it"
        ));
    }
    let ntags = r.u32()? as usize;
    if ntags != NTAGS {
        return Err(format!("model has {ntags} tags, expected {NTAGS}"));
    }
    let fv = r.u32()?;
    if fv != FEATURES_VERSION {
        return Err(format!(
            "model was trained with feature set {fv}, this build extracts feature set {FEATURES_VERSION}: retrain it"
        ));
    }
    let temperature = r.f32()?;
    let glen = r.u32()? as usize;
    let gazetteer =
        String::from_utf8(r.take(glen)?.to_vec()).map_err(|e| format!("gazetteer: {e}"))?;
    let weights = r.block()?;
    let stage2 = match r.u32()? {
        0 => None,
        1 => Some(r.block()?),
        x => return Err(format!("bad stage-2 flag {x}")),
    };
    if r.pos != body.len() {
        return Err("trailing bytes after the weights".into());
    }
    Ok(ModelData {
        weights,
        stage2,
        temperature,
        gazetteer,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> ModelData {
        let mut rows = vec![0f32; 2 * NTAGS];
        rows[1] = 0.5;
        rows[NTAGS + 4] = -2.0;
        let mut trans = vec![0f32; TSIDE * TSIDE];
        trans[3] = -1.25;
        let stage2 = Weights::new(vec![5], vec![0.25; NTAGS], vec![0.5; TSIDE * TSIDE]);
        ModelData {
            weights: Weights::new(vec![11, 22], rows, trans),
            stage2: Some(stage2),
            temperature: 2.0,
            gazetteer: "LOC\tParis\n".into(),
        }
    }

    #[test]
    fn round_trip() {
        let bytes = encode(&sample(), 0.0);
        let m = decode(&bytes).unwrap();
        assert_eq!(m.temperature, 2.0);
        assert_eq!(m.gazetteer, "LOC\tParis\n");
        assert_eq!(m.weights.trans[3], -1.25);
        let r = m.weights.row(22).unwrap();
        assert!((m.weights.rows[r * NTAGS + 4] + 2.0).abs() < 1e-3);
        let s2 = m.stage2.expect("stage 2 kept");
        assert_eq!(s2.trans[0], 0.5);
        assert!((s2.rows[0] - 0.25).abs() < 1e-3);
        let mut one = sample();
        one.stage2 = None;
        assert!(decode(&encode(&one, 0.0)).unwrap().stage2.is_none());
    }

    #[test]
    fn corruption_and_version_are_refused() {
        let mut bytes = encode(&sample(), 0.0);
        let mid = bytes.len() / 2;
        bytes[mid] ^= 1;
        assert!(decode(&bytes).unwrap_err().contains("checksum"));
        let mut bytes = encode(&sample(), 0.0);
        bytes[8] = 9;
        let n = bytes.len() - 32;
        let h = blake3::hash(&bytes[..n]);
        bytes[n..].copy_from_slice(h.as_bytes());
        assert!(decode(&bytes).unwrap_err().contains("version"));
        assert!(decode(b"nope").is_err());
    }
}
