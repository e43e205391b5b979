/** The portal's user picker for selectUser (a small modal dialog; Bitrix24 shows its own). */

/**
 * Asks the person at the page to pick users; resolves with the users in the
 * shape BX24.selectUser gives ({id, name, photo, position, url, sub, sup}),
 * or [] when cancelled.
 */
export function pickUser(env, multiple) {
  return new Promise((resolve) => {
    const dialog = document.createElement('dialog')
    dialog.className = 'picker'
    dialog.setAttribute('aria-label', env.strings.pick_user)
    const list = document.createElement('ul')
    for (const user of env.users) {
      const li = document.createElement('li')
      const button = document.createElement('button')
      button.type = 'button'
      button.className = 'btn'
      button.textContent = user.name
      button.addEventListener('click', () => finish([{ id: String(user.id), name: user.name, photo: '', position: '', url: `/company/personal/user/${user.id}/`, sub: false, sup: false }]))
      li.append(button)
      list.append(li)
    }
    const cancel = document.createElement('button')
    cancel.type = 'button'
    cancel.className = 'btn'
    cancel.textContent = env.strings.slider_close
    cancel.addEventListener('click', () => finish([]))
    dialog.append(list, cancel)
    dialog.addEventListener('cancel', () => finish([]))
    document.body.append(dialog)
    dialog.showModal()
    let done = false
    function finish(users) {
      if (done)
        return
      done = true
      dialog.close()
      dialog.remove()
      resolve(multiple ? users : users.slice(0, 1))
    }
  })
}
