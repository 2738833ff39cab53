// Double Metaphone codes from the npm package double-metaphone 2.0.1 (Titus Wormer, MIT),
// an independent JavaScript implementation of Philips' algorithm, untruncated codes.
// Install once outside the repository:  npm install --prefix /tmp/dmref double-metaphone@2.0.1
// Usage: DOUBLE_METAPHONE_MODULE=/tmp/dmref/node_modules/double-metaphone/index.js \
//        node double_metaphone_reference.mjs names.txt     (called by make_reference.py)
import fs from 'node:fs'
import {pathToFileURL} from 'node:url'

const modulePath = process.env.DOUBLE_METAPHONE_MODULE ?? '/tmp/dmref/node_modules/double-metaphone/index.js'
const {doubleMetaphone} = await import(pathToFileURL(modulePath).href)
const names = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter((line) => line.length > 0)
for (const name of names) {
  const [primary, alternate] = doubleMetaphone(name)
  console.log(`${name}\t${primary}\t${alternate}`)
}
