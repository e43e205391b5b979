// Not measured yet: the benchmark is its own issue (bundle size, requests per screen, time to interactive).
console.error('npm run bench: no benchmark is implemented yet; nothing was measured.')
process.exit(1)
